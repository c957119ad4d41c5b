import { useMemo } from 'react';
import type { UnnumberedSweep } from '../../protocol/analysis';
import { useSweepStore } from '../../state/sweep-store';
import { useWorkerClient } from '../../worker-client/context';

/** Starts a sweep (its cells arrive in the sweep store) and cancels one. */
export function useSweepCommands() {
  const client = useWorkerClient();
  return useMemo(
    () => ({
      run: (partial: UnnumberedSweep) => {
        const request = useSweepStore.getState().begin(partial);
        client.send({ type: 'sweep', request });
      },
      cancel: () => {
        client.send({ type: 'cancel-sweep' });
      },
    }),
    [client],
  );
}
