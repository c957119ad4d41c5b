/**
 * Keeps at most `max` points, evenly spaced by index, always including the first and last, so a
 * long run's chart stays cheap to draw without losing its start or its latest value.
 */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  const stride = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * stride)] as T);
  return out;
}
