import { useCallback } from 'react';
import type { LiveHyper } from '../../protocol/messages';
import { useConfigStore } from '../../state/config-store';
import { isActive, useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/**
 * Changes a hyper-parameter in the configuration and, while a run is active, in the worker too,
 * where it takes effect at the next batch.
 */
export function useLiveHyper(): (patch: Partial<LiveHyper>) => void {
  const client = useWorkerClient();
  const set = useConfigStore((s) => s.set);
  return useCallback(
    (patch) => {
      set(patch);
      if (isActive(useRunStore.getState().run)) client.send({ type: 'set-hyper', hyper: patch });
    },
    [client, set],
  );
}
