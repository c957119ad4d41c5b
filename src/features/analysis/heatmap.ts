/**
 * Colour scales for the canvas heatmaps (white → indigo for shares, red ↔ green around zero) and
 * the class labels along a K × K map's axes.
 */

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

/** Width of the label bands of a class map: numbers, or names (Fashion-MNIST's are up to 11 letters). */
export function axisBand(named: boolean): number {
  return named ? 78 : 22;
}

/**
 * Class labels left of each row and above each column of a map whose cells start at (band, band):
 * numbers centred in the band; names right-aligned before the rows and written upwards above
 * the columns.
 */
export function drawClassAxes(
  ctx: CanvasRenderingContext2D,
  {
    classes,
    cell,
    named,
    name,
  }: { classes: number; cell: number; named: boolean; name: (c: number) => string },
): void {
  const band = axisBand(named);
  ctx.save();
  ctx.fillStyle = '#475569';
  ctx.textBaseline = 'middle';
  for (let c = 0; c < classes; c++) {
    const mid = band + c * cell + cell / 2;
    if (named) {
      ctx.textAlign = 'right';
      ctx.fillText(name(c), band - 4, mid);
      ctx.save();
      ctx.translate(mid, band - 4);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'left';
      ctx.fillText(name(c), 0, 0);
      ctx.restore();
    } else {
      ctx.textAlign = 'center';
      ctx.fillText(String(c), band / 2, mid);
      ctx.fillText(String(c), mid, band / 2);
    }
  }
  ctx.restore();
}
