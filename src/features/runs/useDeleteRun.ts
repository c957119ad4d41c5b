import { useCallback } from 'react';
import { useRunsStore } from '../../state/runs-store';
import { useWorkerClient } from '../../worker-client/context';

/** Deletes a saved run: its record here, its models in the worker (which says if that fails). */
export function useDeleteRun(): (key: string) => Promise<void> {
  const client = useWorkerClient();
  return useCallback(
    async (key) => {
      await useRunsStore.getState().remove(key);
      client.send({ type: 'forget', key });
    },
    [client],
  );
}
