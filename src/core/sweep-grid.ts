/** The sweep's T and α lists as a person types them ("1, 2, 4, 8"), checked against LIMITS. */
import { LIMITS } from './config';

/** Values per axis at most: 8 × 8 cells is already 64 student trainings. */
export const MAX_SWEEP_VALUES = 8;

export type ListResult = { ok: true; values: number[] } | { ok: false; error: string };

export function parseNumberList(
  text: string,
  { min, max }: { min: number; max: number },
): ListResult {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'Enter at least one value.' };
  if (parts.length > MAX_SWEEP_VALUES) {
    return { ok: false, error: `At most ${MAX_SWEEP_VALUES} values (got ${parts.length}).` };
  }
  const values: number[] = [];
  for (const part of parts) {
    const v = Number(part);
    if (!Number.isFinite(v)) return { ok: false, error: `"${part}" is not a number.` };
    if (v < min || v > max) return { ok: false, error: `${part} is outside ${min}–${max}.` };
    if (values.includes(v)) return { ok: false, error: `${part} is listed twice.` };
    values.push(v);
  }
  return { ok: true, values };
}

export const parseTemperatures = (text: string) => parseNumberList(text, LIMITS.temperature);
export const parseAlphas = (text: string) => parseNumberList(text, LIMITS.alpha);
