/** `--sweep T=1,2,4,8:alpha=0.25,0.5,0.75,1`: a T × α grid as a run's students. */
import { LIMITS } from '../../src/core/config';

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
    const values = part
      .slice(eq + 1)
      .split(',')
      .map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
    const limits = key === 'T' ? LIMITS.temperature : key === 'alpha' ? LIMITS.alpha : null;
    if (eq < 0 || !limits) return { ok: false, error: `"${part}" is not T=… or alpha=….` };
    const bad = values.find((v) => !(v >= limits.min && v <= limits.max));
    if (bad !== undefined) {
      return {
        ok: false,
        error: `${key} values must be numbers from ${limits.min} to ${limits.max}.`,
      };
    }
    grid[key === 'T' ? 'temperatures' : 'alphas'] = [...new Set(values)];
  }
  const { temperatures, alphas } = grid;
  if (!temperatures || !alphas) return { ok: false, error: 'give both T=… and alpha=….' };
  if (temperatures.length * alphas.length > MAX_SWEEP_CELLS) {
    return { ok: false, error: `at most ${MAX_SWEEP_CELLS} cells (T values × α values).` };
  }
  return { ok: true, grid: { temperatures, alphas } };
}
