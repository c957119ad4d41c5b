import type { TeacherInfo } from '../../core/import/teacher-info';
import { formatBytes, formatCount } from '../../core/size';

/** "Functional LayersModel · 9 layers · 109,386 parameters · 427 KB · input [28, 28, 1]". */
export function teacherSummary(t: TeacherInfo): string {
  const what =
    t.kind === 'graph'
      ? `GraphModel · ${formatCount(t.layers)} operations`
      : `${t.className} LayersModel · ${formatCount(t.layers)} layers`;
  return `${what} · ${formatCount(t.parameters)} parameters · ${formatBytes(t.bytes)} · input [${t.inputShape.join(', ')}]`;
}

/**
 * What a softmax output means for the soft targets: log p differs from the logits by a constant per
 * row, which softmax at any T ignores — except where float32 already rounded p to 0.
 */
export function outputNote(t: TeacherInfo): string {
  return t.softmax
    ? 'It outputs probabilities: their logarithms serve as its logits (the same soft targets at every T), but a probability float32 rounded to 0 (below about 1e-38) is taken as 1e-30, so at a high T those classes get a share of the soft targets that is not the teacher’s.'
    : 'It outputs logits.';
}
