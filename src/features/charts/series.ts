import type { ModelRole } from '../../protocol/messages';

/** Colour and legend name of each model, the same on every chart. */
export const SERIES: Record<ModelRole, { name: string; color: string }> = {
  teacher: { name: 'Teacher', color: '#7c3aed' },
  distilled: { name: 'Distilled student', color: '#0284c7' },
  scratch: { name: 'Scratch student', color: '#ea580c' },
};

/** Points drawn per line at most; more would only cost frames. */
export const MAX_CHART_POINTS = 300;

export const axisTick = { fontSize: 12, fill: '#475569' };
