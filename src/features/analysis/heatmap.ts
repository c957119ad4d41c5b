/** Colour scales for the canvas heatmaps: white → indigo for shares, red ↔ green around zero. */

const WHITE = [255, 255, 255] as const;
const INDIGO = [67, 56, 202] as const;
const RED = [220, 38, 38] as const;
const GREEN = [22, 163, 74] as const;

function mix(a: readonly number[], b: readonly number[], t: number): string {
  const c = a.map((v, i) => Math.round(v + ((b[i] ?? v) - v) * Math.min(1, Math.max(0, t))));
  return `rgb(${c.join(', ')})`;
}

/** 0 → white, 1 → indigo. */
export function shareColor(share: number): string {
  return mix(WHITE, INDIGO, Math.sqrt(share));
}

/** Negative → red, positive → green, saturating at ±`range`. */
export function divergingColor(value: number, range: number): string {
  return value < 0 ? mix(WHITE, RED, -value / range) : mix(WHITE, GREEN, value / range);
}

/** Dark text on light cells, white on dark ones. */
export function inkFor(share: number): string {
  return share > 0.45 ? '#ffffff' : '#0f172a';
}
