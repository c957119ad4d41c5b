import { useCallback, useMemo } from 'react';
import { useConfigStore, usesImportedTeacher } from '../../state/config-store';
import { saveLastConfig } from '../../state/last-config';
import { isActive, keepsTraining, useRunStore } from '../../state/run-store';
import { useRunsStore } from '../../state/runs-store';
import { useWorkerClient } from '../../worker-client/context';
import { flushLiveSettings } from '../distill/useLiveSettings';

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
