/** Main-thread smoothness during a training run, from long-task entries and frame timestamps. */

/** A frame interval at 60 Hz; a gap of n intervals means n − 1 frames were not drawn. */
export const FRAME_MS = 1000 / 60;
/** The Long Tasks API's own threshold. */
export const LONG_TASK_MS = 50;

export interface TaskEntry {
  start: number;
  duration: number;
}

export interface RunWindow {
  /** Train was clicked. */
  start: number;
  /** The first live progress arrived: data loaded, first kernels compiled. */
  steadyStart: number;
  /** The last step was reported: from here on the page renders the results (table, analysis). */
  trainedAt: number;
  /** The run ended. */
  end: number;
}

export interface JankStats {
  /** What the frames are: animation frames, or ticks of a 60 Hz timer where rAF never runs. */
  clock: 'raf' | 'timer';
  runSeconds: number;
  steadySeconds: number;
  longTasks: number;
  /** Between the first and the last step. */
  steadyLongTasks: number;
  /** After the last step: the results arriving and rendering. */
  resultsLongTasks: number;
  longestTaskMs: number;
  frames: number;
  droppedFrames: number;
  longestFrameMs: number;
}

export function jankStats(
  tasks: readonly TaskEntry[],
  frameTimes: readonly number[],
  w: RunWindow,
): JankStats {
  const inRun = tasks.filter((t) => t.start >= w.start && t.start < w.end);
  const steady = inRun.filter((t) => t.start >= w.steadyStart && t.start < w.trainedAt);
  const results = inRun.filter((t) => t.start >= w.trainedAt);
  const frames = frameTimes.filter((t) => t >= w.steadyStart && t <= w.trainedAt);
  let dropped = 0;
  let longestFrame = 0;
  for (let i = 1; i < frames.length; i++) {
    const gap = (frames[i] as number) - (frames[i - 1] as number);
    longestFrame = Math.max(longestFrame, gap);
    dropped += Math.max(0, Math.round(gap / FRAME_MS) - 1);
  }
  return {
    clock: 'raf',
    runSeconds: (w.end - w.start) / 1000,
    steadySeconds: (w.trainedAt - w.steadyStart) / 1000,
    longTasks: inRun.length,
    steadyLongTasks: steady.length,
    resultsLongTasks: results.length,
    longestTaskMs: Math.max(0, ...inRun.map((t) => t.duration)),
    frames: frames.length,
    droppedFrames: dropped,
    longestFrameMs: longestFrame,
  };
}
