/**
 * The session as its tests drive it: worker globals stubbed, every posted message kept, a clock
 * that advances 30 ms a reading (so live points are due every few steps), synthetic data. Only
 * tests import this.
 */
import { type ExperimentConfig, isImageDataset } from '../core/config';
import { generateSynthetic } from '../core/data/synthetic';
import { modelShape } from '../core/backend-choice';
import type { FromWorker } from '../protocol/messages';
import { Session } from '../worker/session';
import type { KernelStore } from '../worker/run-engines';
import { TINY_MOONS } from './tiny-moons';

/** A run small enough for the CPU backend in a unit test: 160 training rows, 5 steps an epoch. */
export const TINY_RUN: ExperimentConfig = {
  ...TINY_MOONS,
  labeledFraction: 0.5,
  transferSet: true,
};

export function makeSession(
  config: ExperimentConfig,
  onPost: (m: FromWorker, s: Session) => void = () => undefined,
  /** A WebGPU device for the fused kernels (Node's, through Dawn); the tfjs engine without. */
  gpu?: GPUDevice,
  /** Where the self-check's pass and tuned variants are kept; without, neither is kept or tuned. */
  kernelStore?: KernelStore,
  /** False: the store keeps the self-check's pass, but nothing is tuned (the end-to-end build). */
  tuneKernels?: boolean,
) {
  const messages: FromWorker[] = [];
  const loadedSeeds: number[] = [];
  const waiters: { type: FromWorker['type']; resolve: () => void }[] = [];
  /** Resolves once a message of `type` has been posted (at once if one was). */
  const posted = (type: FromWorker['type']) =>
    messages.some((m) => m.type === type)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ type, resolve }));
  let clock = 0;
  const session: Session = new Session({
    post: (m) => {
      messages.push(m);
      onPost(m, session);
      for (const w of waiters.filter((w) => w.type === m.type)) w.resolve();
    },
    selectBackend: () => Promise.resolve({ name: 'cpu', fallbackReason: 'test' }),
    loadDataset: (c) => {
      loadedSeeds.push(c.seed);
      // The 2-D set asked for (a transfer's target is one); anything else trains on Moons.
      const name = c.dataset === 'csv' || isImageDataset(c.dataset) ? 'moons' : c.dataset;
      return Promise.resolve(generateSynthetic(name, c.samples, c.noise, c.seed));
    },
    yieldToEventLoop: () => new Promise((r) => setImmediate(r)),
    now: () => (clock += 30),
    ...(gpu ? { gpuDevice: () => gpu } : {}),
    ...(kernelStore ? { kernelStore: () => kernelStore } : {}),
    ...(tuneKernels === undefined ? {} : { tuneKernels: () => tuneKernels }),
  });
  session.handle({ type: 'init', backend: 'cpu', shape: modelShape(config) });
  return { session, messages, posted, loadedSeeds };
}

/** Starts run `runId` and waits until it (and whatever it queued) has ended. */
export async function train(
  session: Session,
  runId: number,
  config: ExperimentConfig,
  keepTraining = false,
): Promise<void> {
  session.handle({ type: 'start', runId, config, keepTraining });
  await Promise.resolve();
  await session.whenIdle();
}

export const ofType = <T extends FromWorker['type']>(messages: FromWorker[], type: T) =>
  messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
