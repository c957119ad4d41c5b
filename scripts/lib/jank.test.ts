import { describe, expect, it } from 'vitest';
import { FRAME_MS, jankStats } from './jank';

const run = { start: 1000, steadyStart: 2000, trainedAt: 3800, end: 4000 };

describe('jankStats', () => {
  it('counts long tasks in the run, in its steady part and while the results render', () => {
    const tasks = [
      { start: 500, duration: 300 }, // before Train: page load
      { start: 1200, duration: 80 }, // start-up of the run
      { start: 2500, duration: 60 },
      { start: 3900, duration: 120 }, // the results rendering
      { start: 4100, duration: 70 }, // after the run
    ];
    const s = jankStats(tasks, [], run);
    expect(s.longTasks).toBe(3);
    expect(s.steadyLongTasks).toBe(1);
    expect(s.resultsLongTasks).toBe(1);
    expect(s.longestTaskMs).toBe(120);
    expect(s.runSeconds).toBe(3);
    expect(s.steadySeconds).toBe(1.8);
  });

  it('turns gaps between frames into dropped frames', () => {
    // Regular frames, then one gap of three intervals (two frames missed), then regular again.
    const frames = [
      2000,
      2000 + FRAME_MS,
      2000 + 2 * FRAME_MS,
      2000 + 5 * FRAME_MS,
      2000 + 6 * FRAME_MS,
    ];
    const s = jankStats([], [1500, ...frames, 3900], run);
    expect(s.frames).toBe(5);
    expect(s.droppedFrames).toBe(2);
    expect(s.longestFrameMs).toBeCloseTo(3 * FRAME_MS, 9);
    expect(s.clock).toBe('raf');
  });

  it('reports nothing to drop without frames', () => {
    const s = jankStats([], [], run);
    expect([s.frames, s.droppedFrames, s.longestFrameMs, s.longestTaskMs]).toEqual([0, 0, 0, 0]);
  });
});
