import type { Layer } from '../../core/layers';
import { extraIndex } from '../../core/roles';
import { type StudentSpec, studentIds } from '../../core/students';
import type { ModelId, ModelRole } from '../../protocol/messages';
import type { LatencyPair } from '../../core/stats';

export type MarkerShape =
  'circle' | 'square' | 'triangle' | 'diamond' | 'down' | 'plus' | 'cross' | 'ring' | 'bar';

export interface Series {
  name: string;
  /** Where three labels must fit side by side (bar categories, run counts). */
  short: string;
  color: string;
  shape: MarkerShape;
}

/**
 * Colour, marker and legend name of each model, the same on every chart. The colours reach 4.5:1
 * on white (teacher 5.7, distilled 5.9, scratch 5.2) and differ in lightness as well as hue; the
 * markers tell the models apart without colour.
 */
export const SERIES: Record<ModelRole, Series> = {
  teacher: { name: 'Teacher', short: 'Teacher', color: '#7c3aed', shape: 'circle' },
  distilled: { name: 'Distilled student', short: 'Distilled', color: '#0369a1', shape: 'square' },
  scratch: { name: 'Scratch student', short: 'Scratch', color: '#c2410c', shape: 'triangle' },
};

/**
 * The other students of a run's list, in turn (a run has at most 8 students, so at most 6 more):
 * each colour at least 4.5:1 on white and on the page (contrast.test.ts), each with its own marker.
 */
export const EXTRA_SERIES: readonly Pick<Series, 'color' | 'shape'>[] = [
  { color: '#15803d', shape: 'diamond' },
  { color: '#be185d', shape: 'down' },
  { color: '#854d0e', shape: 'plus' },
  { color: '#0f766e', shape: 'cross' },
  { color: '#4338ca', shape: 'ring' },
  { color: '#9f1239', shape: 'bar' },
];

/**
 * The look of model `id` in a run of `config`: the principal pair keep their colours and markers;
 * with a list of its own, every student goes by its own name.
 */
export function seriesOf(
  id: ModelId,
  config?: { students?: readonly StudentSpec[]; studentHidden: readonly Layer[] },
): Series {
  const index = config ? studentIds(config).indexOf(id) : -1;
  const spec = config?.students?.[index];
  const named = (base: Omit<Series, 'name' | 'short'>, fallback: string): Series => {
    const name = spec?.name ?? fallback;
    return { ...base, name, short: name };
  };
  if (id === 'teacher') return SERIES.teacher;
  if (id === 'distilled' || id === 'scratch') {
    return spec ? named(SERIES[id], SERIES[id].name) : SERIES[id];
  }
  const extras = config ? studentIds(config).filter((s) => extraIndex(s) !== null) : [id];
  const look = EXTRA_SERIES[Math.max(0, extras.indexOf(id)) % EXTRA_SERIES.length];
  return named(
    look ?? { color: '#475569', shape: 'circle' },
    `Student ${(extraIndex(id) ?? 0) + 1}`,
  );
}

/** Points drawn per line at most; more would only cost frames. */
export const MAX_CHART_POINTS = 300;

/**
 * The latency bars: tfjs's p50 and p95 in slate, ONNX Runtime's in teal; each at least 4.5:1 on
 * white, the p95 of a runtime lighter than its p50.
 */
export const LATENCY_BARS = {
  tfjs: { p50: '#1e293b', p95: '#64748b' },
  onnx: { p50: '#134e4a', p95: '#0f766e' },
} as const;

/** "teacher 24 · distilled 50 · scratch 50": runs differ, as each model has a time budget. */
export function runsText(
  models: Partial<Record<ModelId, LatencyPair>>,
  batch: keyof LatencyPair,
  config?: Parameters<typeof seriesOf>[1],
): string {
  return (Object.keys(models) as ModelId[])
    .flatMap((role) => {
      const pair = models[role];
      return pair ? [`${seriesOf(role, config).short.toLowerCase()} ${pair[batch].runs}`] : [];
    })
    .join(' · ');
}
