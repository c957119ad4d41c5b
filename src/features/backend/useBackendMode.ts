import { useCallback } from 'react';
import type { BackendMode } from '../../protocol/messages';
import { saveBackendMode } from '../../state/backend-prefs';
import { useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/** Sets the backend mode: shown at once, remembered, and chosen by the worker from the next run. */
export function useSetBackendMode(): (mode: BackendMode) => void {
  const client = useWorkerClient();
  return useCallback(
    (mode) => {
      useRunStore.getState().setBackendMode(mode);
      saveBackendMode(mode);
      client.send({ type: 'set-backend', backend: mode });
    },
    [client],
  );
}
