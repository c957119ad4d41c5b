import { useCallback } from 'react';
import type { StepSettings } from '../../core/schedule';
import { useConfigStore } from '../../state/config-store';
import { useRestingChange } from '../../state/resting-change-store';
import { isActive, useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/**
 * Sends the resting change now. Resume calls it first: a value set while paused must reach the
 * worker before the run goes on, or a short rest of the run could end before it arrives.
 */
export function flushLiveHyper(): void {
  useRestingChange.getState().flush();
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
      useRestingChange.getState().rest(patch, (hyper) => {
        if (isActive(useRunStore.getState().run)) client.send({ type: 'set-hyper', hyper });
      });
    },
    [client, set],
  );
}
