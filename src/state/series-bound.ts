/**
 * A live curve kept within a bound without losing its start: over `max` points, the older part
 * (all but the latest max / 2) keeps every other point. Repeated, the curve's early stretch grows
 * sparser while its recent stretch stays dense — a Keep-training run of hours still shows where it
 * began, which dropping the oldest points lost. Each thinning leaves about three quarters of
 * `max`, so it runs once per max / 4 new points.
 */
export function boundSeries<T>(series: T[], max: number): T[] {
  if (series.length <= max) return series;
  const recent = Math.floor(max / 2);
  const older = series.slice(0, series.length - recent);
  const thinned = [...older.filter((_, i) => i % 2 === 0), ...series.slice(-recent)];
  return boundSeries(thinned, max);
}
