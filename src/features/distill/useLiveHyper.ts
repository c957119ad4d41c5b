import { useCallback, useEffect, useRef } from 'react';
import type { LiveHyper } from '../../protocol/messages';
import { useConfigStore } from '../../state/config-store';
import { isActive, useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/**
 * How long a slider must rest before its value goes to the worker: a drag or a burst of key presses
 * becomes one change (one mark on the charts, one entry in the run's schedule), not one per pixel.
 */
export const SETTLE_MS = 350;

/**
 * Changes a hyper-parameter in the configuration at once and, while a run is active, in the worker
 * once the value settles; the worker applies it at the students' next step. Outside a run a change
 * starts a new plan: the schedule of the last run's changes is dropped.
 */
export function useLiveHyper(): (patch: Partial<LiveHyper>) => void {
  const client = useWorkerClient();
  const set = useConfigStore((s) => s.set);
  const pending = useRef<Partial<LiveHyper>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(
    (patch) => {
      if (!isActive(useRunStore.getState().run)) {
        set({ ...patch, schedule: [] });
        return;
      }
      set(patch);
      pending.current = { ...pending.current, ...patch };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const hyper = pending.current;
        pending.current = {};
        if (isActive(useRunStore.getState().run)) client.send({ type: 'set-hyper', hyper });
      }, SETTLE_MS);
    },
    [client, set],
  );
}
