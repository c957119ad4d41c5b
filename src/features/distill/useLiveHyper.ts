import { useCallback } from 'react';
import type { StepSettings } from '../../core/schedule';
import { useConfigStore } from '../../state/config-store';
import { isActive, useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/**
 * How long a slider must rest before its value goes to the worker: a drag or a burst of key presses
 * becomes one change (one mark on the charts, one entry in the run's schedule), not one per pixel.
 */
export const SETTLE_MS = 350;

/** The change still resting, one for the page (there is one run and one worker). */
const resting: {
  hyper: Partial<StepSettings>;
  timer?: ReturnType<typeof setTimeout>;
  send?: (hyper: Partial<StepSettings>) => void;
} = { hyper: {} };

/**
 * Sends the resting change now. Resume calls it first: a value set while paused must reach the
 * worker before the run goes on, or a short rest of the run could end before it arrives.
 */
export function flushLiveHyper(): void {
  clearTimeout(resting.timer);
  resting.timer = undefined;
  const { hyper, send } = resting;
  resting.hyper = {};
  if (send && Object.keys(hyper).length > 0) send(hyper);
}

/**
 * Changes a hyper-parameter in the configuration at once and, while a run is active, in the worker
 * once the value settles; the worker applies it at the students' next step. Outside a run a change
 * starts a new plan: the schedule of the last run's changes is dropped.
 */
export function useLiveHyper(): (patch: Partial<StepSettings>) => void {
  const client = useWorkerClient();
  const set = useConfigStore((s) => s.set);
  return useCallback(
    (patch) => {
      if (!isActive(useRunStore.getState().run)) {
        set({ ...patch, schedule: [] });
        return;
      }
      set(patch);
      resting.hyper = { ...resting.hyper, ...patch };
      resting.send = (hyper) => {
        if (isActive(useRunStore.getState().run)) client.send({ type: 'set-hyper', hyper });
      };
      clearTimeout(resting.timer);
      resting.timer = setTimeout(flushLiveHyper, SETTLE_MS);
    },
    [client, set],
  );
}
