import { useCallback } from 'react';
import type { StepSettings } from '../../core/schedule';
import { withSliderParam } from '../../core/slider-param';
import { useConfigStore } from '../../state/config-store';
import { useRestingChange } from '../../state/resting-change-store';
import { isActive, useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/**
 * Sends the resting change now. Resume calls it first: a value set while paused must reach the
 * worker before the run goes on, or a short rest of the run could end before it arrives.
 */
export function flushLiveSettings(): void {
  useRestingChange.getState().flush();
}

/**
 * Changes a setting in the configuration at once and, while a run is active, in the worker
 * once the value settles; the worker applies it at the students' next step. Outside a run a change
 * starts a new plan: the schedule of the last run's changes is dropped. The method parameter
 * (`param`: β, ε or γ) is the sliders' student's own value in the list.
 */
export function useLiveSettings(): (patch: Partial<StepSettings>) => void {
  const client = useWorkerClient();
  const set = useConfigStore((s) => s.set);
  return useCallback(
    (patch) => {
      const { param, ...settings } = patch;
      const config = useConfigStore.getState().config;
      const own = param === undefined ? {} : { students: withSliderParam(config, param) };
      if (!isActive(useRunStore.getState().run)) {
        const teacher = config.teacherSchedule?.length ? { teacherSchedule: [] } : {};
        set({ ...settings, ...own, schedule: [], ...teacher });
        return;
      }
      set({ ...settings, ...own });
      useRestingChange.getState().rest(patch, (rested) => {
        if (isActive(useRunStore.getState().run)) {
          client.send({ type: 'set-settings', settings: rested });
        }
      });
    },
    [client, set],
  );
}
