import type { SettingsMark } from '../../protocol/messages';

/** Label rows stacked at the top of the plot; a label never prints over another. */
const LABEL_ROWS = 3;
/** Share of the x-axis span one label ("T=16.5 α=0.70") takes, a little generously. */
const LABEL_WIDTH = 0.2;

/**
 * What a mark set: T and α (or, for a student whose T and α the sliders do not move, its method
 * parameter alone), the method parameter where it changed, the learning rate where it changed.
 */
export function markText(mark: SettingsMark, previous: SettingsMark | undefined): string {
  const rate =
    previous && previous.learningRate !== mark.learningRate ? ` lr=${mark.learningRate}` : '';
  const param =
    mark.param !== undefined && (!previous || previous.param !== mark.param)
      ? ` ${mark.paramLabel ?? 'p'}=${mark.param}`
      : '';
  if (mark.paramOnly) return `${mark.paramLabel ?? 'p'}=${mark.param}${rate}`;
  return `T=${mark.temperature} α=${mark.alpha.toFixed(2)}${param}${rate}`;
}

/**
 * The rows of the marks' labels: each label takes the first row where the previous label has
 * ended; a mark with no free row is drawn without one (its values are in the tooltip list).
 */
export function labelRows(marks: readonly SettingsMark[], span: number): (number | null)[] {
  const ends = Array.from({ length: LABEL_ROWS }, () => -Infinity);
  return marks.map((m) => {
    const row = ends.findIndex((end) => m.epoch >= end);
    if (row < 0) return null;
    ends[row] = m.epoch + LABEL_WIDTH * span;
    return row;
  });
}
