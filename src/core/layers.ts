/** Parsing of the hidden-layer field ("512, 512") and its limits. */

export const MAX_HIDDEN_LAYERS = 8;
export const MAX_UNITS = 4096;

export type LayerSpecResult = { ok: true; units: number[] } | { ok: false; error: string };

/**
 * Parses comma-separated unit counts. An empty field means no hidden layer (a linear model).
 * Every rejection names the offending entry so the inline message can point at it.
 */
export function parseLayerSpec(text: string): LayerSpecResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, units: [] };
  const parts = trimmed.split(',').map((p) => p.trim());
  if (parts.length > MAX_HIDDEN_LAYERS) {
    return {
      ok: false,
      error: `At most ${MAX_HIDDEN_LAYERS} hidden layers (got ${parts.length}).`,
    };
  }
  const units: number[] = [];
  for (const [i, part] of parts.entries()) {
    const position = `layer ${i + 1}`;
    if (part === '') return { ok: false, error: `Empty entry at ${position}.` };
    if (!/^\d+$/.test(part)) {
      return { ok: false, error: `"${part}" at ${position} is not a whole number of units.` };
    }
    const n = Number(part);
    if (n === 0) return { ok: false, error: `A layer needs at least 1 unit (${position}).` };
    if (n > MAX_UNITS) {
      return {
        ok: false,
        error: `${n} units at ${position} is more than the limit of ${MAX_UNITS}.`,
      };
    }
    units.push(n);
  }
  return { ok: true, units };
}

export function formatLayerSpec(units: readonly number[]): string {
  return units.join(', ');
}
