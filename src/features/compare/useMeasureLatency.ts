import { useCallback } from 'react';
import { useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

/** Measures the ended run's latency again; the cells show "…" until the worker answers. */
export function useMeasureLatency(): () => void {
  const client = useWorkerClient();
  return useCallback(() => {
    const runId = useRunStore.getState().remeasureLatency();
    if (runId !== null) client.send({ type: 'measure-latency', runId });
  }, [client]);
}
