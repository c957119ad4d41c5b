import { create } from 'zustand';
import type { StepSettings } from '../core/schedule';

/**
 * How long a slider must rest before its value goes to the worker: a drag or a burst of key presses
 * becomes one change (one mark on the charts, one entry in the run's schedule), not one per pixel.
 */
export const SETTLE_MS = 350;

/** The live change still resting, one for the page (there is one run and one worker). */
interface RestingChange {
  patch: Partial<StepSettings>;
  timer: ReturnType<typeof setTimeout> | null;
  send: ((patch: Partial<StepSettings>) => void) | null;
  /** Adds `patch` to the resting change; `send` takes it once it has rested SETTLE_MS. */
  rest: (patch: Partial<StepSettings>, send: (patch: Partial<StepSettings>) => void) => void;
  /** Sends the resting change now (Resume: before the run goes on). */
  flush: () => void;
}

export const useRestingChange = create<RestingChange>()((set, get) => ({
  patch: {},
  timer: null,
  send: null,
  rest: (patch, send) => {
    const { timer } = get();
    if (timer !== null) clearTimeout(timer);
    set((s) => ({
      patch: { ...s.patch, ...patch },
      send,
      timer: setTimeout(() => {
        get().flush();
      }, SETTLE_MS),
    }));
  },
  flush: () => {
    const { timer, patch, send } = get();
    if (timer !== null) clearTimeout(timer);
    set({ patch: {}, timer: null });
    if (send && Object.keys(patch).length > 0) send(patch);
  },
}));
