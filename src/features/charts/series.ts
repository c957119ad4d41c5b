import type { ModelRole } from '../../protocol/messages';

/**
 * Colour, marker and legend name of each model, the same on every chart. The colours reach 4.5:1
 * on white (teacher 5.7, distilled 5.9, scratch 5.2) and differ in lightness as well as hue; the
 * markers tell the models apart without colour.
 */
export const SERIES: Record<
  ModelRole,
  {
    name: string;
    /** Where three labels must fit side by side (bar categories, run counts). */
    short: string;
    color: string;
    shape: 'circle' | 'square' | 'triangle';
  }
> = {
  teacher: { name: 'Teacher', short: 'Teacher', color: '#7c3aed', shape: 'circle' },
  distilled: { name: 'Distilled student', short: 'Distilled', color: '#0369a1', shape: 'square' },
  scratch: { name: 'Scratch student', short: 'Scratch', color: '#c2410c', shape: 'triangle' },
};

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
