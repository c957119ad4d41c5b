/** `--sweep T=1,2,4,8:alpha=0.25,0.5,0.75,1`: a T × α grid as a run's students. */
import { parseAlphas, parseTemperatures } from '../../src/core/sweep-grid';

export interface SweepGrid {
  temperatures: number[];
  alphas: number[];
}

/** Cells in one grid: with its scratch student, 17 students trained together. */
export const MAX_SWEEP_CELLS = 16;

export type SweepResult = { ok: true; grid: SweepGrid } | { ok: false; error: string };

export function parseSweep(text: string): SweepResult {
  const grid: Partial<SweepGrid> = {};
  for (const part of text.split(':')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    // The page's sweep form's parsers: the same limits, the same refusals.
    const parse = key === 'T' ? parseTemperatures : key === 'alpha' ? parseAlphas : null;
    if (eq < 0 || !parse) return { ok: false, error: `"${part}" is not T=… or alpha=….` };
    const values = parse(part.slice(eq + 1));
    if (!values.ok) return { ok: false, error: `${key}: ${values.error}` };
    grid[key === 'T' ? 'temperatures' : 'alphas'] = values.values;
  }
  const { temperatures, alphas } = grid;
  if (!temperatures || !alphas) return { ok: false, error: 'give both T=… and alpha=….' };
  if (temperatures.length * alphas.length > MAX_SWEEP_CELLS) {
    return { ok: false, error: `at most ${MAX_SWEEP_CELLS} cells (T values × α values).` };
  }
  return { ok: true, grid: { temperatures, alphas } };
}
