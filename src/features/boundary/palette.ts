/** One colour per class on the boundary maps (up to 10; more classes repeat them). */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [37, 99, 235],
  [234, 88, 12],
  [22, 163, 74],
  [219, 39, 119],
  [147, 51, 234],
  [202, 138, 4],
  [8, 145, 178],
  [100, 116, 139],
  [220, 38, 38],
  [101, 163, 13],
];

export function classColor(c: number): readonly [number, number, number] {
  return CLASS_COLORS[c % CLASS_COLORS.length] ?? [0, 0, 0];
}

export function cssColor(c: number): string {
  return `rgb(${classColor(c).join(', ')})`;
}
