/**
 * Where a fused training step's time goes, dispatch by dispatch: the bench's profile. With
 * timestamp queries (an optional WebGPU feature) the GPU itself writes when each dispatch starts
 * and ends inside one submitted step, so caches and queue are as in training; without them each
 * dispatch is submitted alone and the clock stopped when the queue is done, which adds a submit's
 * and a wait's overhead to every dispatch.
 */
import type { Dispatch } from './fused-model';
import { fastestOf } from './kernel';

/** How a profile was measured: by the GPU's timestamps, or each dispatch submitted alone. */
export type TimingMethod = 'timestamps' | 'alone';

export interface DispatchTime {
  dispatch: Dispatch;
  ms: number;
}

/** Encodes one dispatch of the step into `pass` (its pipeline, bind group and grid). */
export type EncodeDispatch = (pass: GPUComputePassEncoder, dispatch: Dispatch) => void;

/**
 * The fastest of `reps` times of each dispatch of `plan` (after one untimed step), by timestamps
 * where `device` has the feature and they read sensibly, else each dispatch alone.
 */
export async function timeDispatches(
  device: GPUDevice,
  plan: readonly Dispatch[],
  encode: EncodeDispatch,
  reps: number,
  now: () => number,
  method: TimingMethod = device.features.has('timestamp-query') ? 'timestamps' : 'alone',
): Promise<{ method: TimingMethod; times: DispatchTime[] }> {
  if (method === 'timestamps') {
    const ms = await timestampTimes(device, plan, encode, reps);
    // A driver may write zeros or a clock that runs backwards: no profile beats a false one.
    if (ms.every((t) => Number.isFinite(t) && t >= 0) && ms.some((t) => t > 0)) {
      return { method, times: plan.map((dispatch, i) => ({ dispatch, ms: ms[i] ?? 0 })) };
    }
  }
  const times = [];
  for (const dispatch of plan) {
    const run = async () => {
      const encoder = device.createCommandEncoder({ label: 'timing' });
      const pass = encoder.beginComputePass({ label: dispatch.label });
      encode(pass, dispatch);
      pass.end();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
    };
    times.push({ dispatch, ms: await fastestOf(reps, run, now) });
  }
  return { method: 'alone', times };
}

/**
 * Each dispatch's time in ms, the fastest of `reps` whole steps (after one untimed): a compute pass
 * a dispatch, its start and end written to a query set, resolved and read back once a step.
 */
async function timestampTimes(
  device: GPUDevice,
  plan: readonly Dispatch[],
  encode: EncodeDispatch,
  reps: number,
): Promise<number[]> {
  const count = 2 * plan.length;
  const querySet = device.createQuerySet({ label: 'step timing', type: 'timestamp', count });
  const resolved = device.createBuffer({
    label: 'step timing resolve',
    size: 8 * count,
    usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
  });
  const readBack = device.createBuffer({
    label: 'step timing read',
    size: 8 * count,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  try {
    const best = plan.map(() => Infinity);
    for (let r = 0; r <= reps; r++) {
      const encoder = device.createCommandEncoder({ label: 'timed step' });
      plan.forEach((dispatch, i) => {
        const pass = encoder.beginComputePass({
          label: dispatch.label,
          timestampWrites: {
            querySet,
            beginningOfPassWriteIndex: 2 * i,
            endOfPassWriteIndex: 2 * i + 1,
          },
        });
        encode(pass, dispatch);
        pass.end();
      });
      encoder.resolveQuerySet(querySet, 0, count, resolved, 0);
      encoder.copyBufferToBuffer(resolved, 0, readBack, 0, 8 * count);
      device.queue.submit([encoder.finish()]);
      await readBack.mapAsync(GPUMapMode.READ);
      const stamps = new BigUint64Array(readBack.getMappedRange().slice(0));
      readBack.unmap();
      // The first step compiles and warms: untimed, as `fastestOf` does.
      if (r === 0) continue;
      plan.forEach((_, i) => {
        const ns = Number((stamps[2 * i + 1] ?? 0n) - (stamps[2 * i] ?? 0n));
        best[i] = Math.min(best[i] ?? Infinity, ns / 1e6);
      });
    }
    return best;
  } finally {
    querySet.destroy();
    resolved.destroy();
    readBack.destroy();
  }
}
