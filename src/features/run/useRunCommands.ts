import { useCallback, useMemo } from 'react';
import type { ExperimentConfig } from '../../core/config';
import { useConfigStore, usesImportedTeacher } from '../../state/config-store';
import { saveLastConfig } from '../../state/last-config';
import { isActive, useRunStore } from '../../state/run-store';
import { useRunsStore } from '../../state/runs-store';
import { useWorkerClient } from '../../worker-client/context';
import { flushLiveSettings } from '../distill/useLiveSettings';

/**
 * Whether a run of `config` keeps training past its epochs: the switch is on and the run has one
 * seed (a repeated run's other seeds could never start after a run that goes on until Stop).
 */
export function keepsTraining(on: boolean, config: Pick<ExperimentConfig, 'repeats'>): boolean {
  return on && config.repeats === 1;
}

/** What the run controls ask of the worker, each a typed call that updates the page too. */
export function useRunCommands() {
  const client = useWorkerClient();
  const train = useCallback(() => {
    const state = useConfigStore.getState();
    const { config } = state;
    saveLastConfig(config);
    const runId = useRunStore.getState().begin(config);
    const key = useRunsStore.getState().keyFor(runId);
    const importedTeacher = usesImportedTeacher(state);
    const keepTraining = keepsTraining(useRunStore.getState().keepTraining, config);
    client.send({ type: 'start', runId, config, key, importedTeacher, keepTraining });
  }, [client]);
  const setKeepTraining = useCallback(
    (on: boolean) => {
      useRunStore.getState().setKeepTraining(on);
      if (isActive(useRunStore.getState().run)) client.send({ type: 'keep-training', on });
    },
    [client],
  );
  return useMemo(
    () => ({
      train,
      pause: () => {
        client.send({ type: 'pause' });
      },
      resume: () => {
        // A slider moved while paused goes first: it applies at the first step after Resume.
        flushLiveSettings();
        client.send({ type: 'resume' });
      },
      stop: () => {
        client.send({ type: 'stop' });
      },
      setKeepTraining,
    }),
    [client, train, setKeepTraining],
  );
}
