import { useCallback } from 'react';
import { useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/** Studies seed `index` of the ended repeated run: its analysis and latency follow. */
export function useStudySeed(): (index: number) => void {
  const client = useWorkerClient();
  return useCallback(
    (index) => {
      const runId = useRunStore.getState().studySeed(index);
      if (runId !== null) client.send({ type: 'study-seed', runId, index });
    },
    [client],
  );
}
