/**
 * `--sweep T=1,2,4,8:alpha=0.25,0.5,0.75,1`: a T × α grid as a run's students; `--sweep
 * hidden=8,16,32` (or `hidden=32x32,64x64`): a capacity sweep, a KD and a scratch student per network.
 */
import { type SizesResult, capacityStudents, parseSizes } from '../../src/core/capacity';
import { type StudentSpec, gridStudents } from '../../src/core/students';
import { parseAlphas, parseTemperatures } from '../../src/core/sweep-grid';

export interface SweepGrid {
  temperatures: number[];
  alphas: number[];
}

/** Student networks, each a list of dense widths. */
export interface CapacitySweep {
  sizes: number[][];
}

export type Sweep = SweepGrid | CapacitySweep;

export const isCapacity = (sweep: Sweep): sweep is CapacitySweep => 'sizes' in sweep;

/** Cells in one grid: with its scratch student, 17 students trained together. */
export const MAX_SWEEP_CELLS = 16;

export type SweepResult = { ok: true; grid: Sweep } | { ok: false; error: string };

export function parseSweep(text: string): SweepResult {
  if (text.startsWith('hidden=')) {
    const sizes: SizesResult = parseSizes(text.slice('hidden='.length));
    return sizes.ok ? { ok: true, grid: { sizes: sizes.sizes } } : sizes;
  }
  const grid: Partial<SweepGrid> = {};
  for (const part of text.split(':')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    // The page's sweep form's parsers: the same limits, the same refusals.
    const parse = key === 'T' ? parseTemperatures : key === 'alpha' ? parseAlphas : null;
    if (eq < 0 || !parse) return { ok: false, error: `"${part}" is not T=…, alpha=… or hidden=….` };
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

/** The sweep's students: one KD per cell and a scratch one, or a KD and a scratch per network. */
export function sweepStudents(sweep: Sweep): StudentSpec[] {
  return isCapacity(sweep)
    ? capacityStudents(sweep.sizes)
    : gridStudents(sweep.temperatures, sweep.alphas);
}
