import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT, SUBMIT_BUDGET_MS, SubmitPacer } from './submit-pacer';

/** A device queue that runs submits one after another, each taking `msPerStep` a step. */
function fakeDevice(msPerStep: number) {
  let now = 0;
  const queued: { steps: number; resolve: () => void }[] = [];
  const pendingSteps: number[] = [];
  const queue = {
    onSubmittedWorkDone: () =>
      new Promise<void>((resolve) => {
        queued.push({ steps: pendingSteps.shift() ?? 0, resolve });
      }),
  };
  /** Runs the oldest queued submit to completion. */
  const runOne = async () => {
    const next = queued.shift();
    if (!next) return false;
    now += next.steps * msPerStep;
    next.resolve();
    await Promise.resolve();
    await Promise.resolve();
    return true;
  };
  return {
    queue,
    now: () => now,
    runOne,
    willSubmit: (steps: number) => pendingSteps.push(steps),
    queued: () => queued.length,
  };
}

/** `pacer.ready()` waits while the queue is full, and resolves once the device runs a submit. */
async function expectHeldUntilOneRuns(
  device: ReturnType<typeof fakeDevice>,
  pacer: SubmitPacer,
): Promise<void> {
  let ready = false;
  void pacer.ready().then(() => {
    ready = true;
  });
  await Promise.resolve();
  expect(ready).toBe(false);
  await device.runOne();
  await Promise.resolve();
  expect(ready).toBe(true);
}

describe('SubmitPacer', () => {
  it('grows the steps a submit towards the device-time budget, never past it', async () => {
    const device = fakeDevice(2);
    const pacer = new SubmitPacer(device.queue, device.now, 256);
    const sizes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const steps = pacer.stepsPerSubmit;
      sizes.push(steps);
      device.willSubmit(steps);
      pacer.submitted(steps);
      await device.runOne();
    }
    // 2 ms a step and a 50 ms budget: 1, 4, 16, then 25 a submit.
    expect(sizes).toEqual([1, 4, 16, 25, 25, 25, 25, 25]);
    expect(25 * 2).toBeLessThanOrEqual(SUBMIT_BUDGET_MS);
  });

  it('one step a submit, and one submit in flight, when a single step outlasts the budget', async () => {
    const device = fakeDevice(400);
    const pacer = new SubmitPacer(device.queue, device.now, 256);
    for (let i = 0; i < 3; i++) {
      device.willSubmit(1);
      pacer.submitted(pacer.stepsPerSubmit);
      await device.runOne();
      expect(pacer.stepsPerSubmit).toBe(1);
    }
    device.willSubmit(1);
    pacer.submitted(1);
    await expectHeldUntilOneRuns(device, pacer);
  });

  it('holds the recording while MAX_IN_FLIGHT submits wait on the device', async () => {
    const device = fakeDevice(10);
    const pacer = new SubmitPacer(device.queue, device.now, 256);
    for (let i = 0; i < MAX_IN_FLIGHT; i++) {
      device.willSubmit(1);
      pacer.submitted(1);
    }
    await expectHeldUntilOneRuns(device, pacer);
  });
});
