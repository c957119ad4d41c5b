import { checkpointRoles } from '../../protocol/messages';
import type { RunRecord } from '../../state/run-record';
import { useRunStore } from '../../state/run-store';
import { useRunsStore } from '../../state/runs-store';
import { useWorkerClient } from '../../worker-client/context';

/**
 * Continues an interrupted run from its last checkpoint in the worker: a saved record (after a
 * reload), or the current run (after its worker died). The curves shown so far stay.
 */
export function useContinueRun(): (record?: RunRecord) => void {
  const client = useWorkerClient();
  return (record) => {
    const run = record ? null : useRunStore.getState().run;
    const resume = record?.resume ?? run?.checkpoint;
    const config = record?.config ?? run?.config;
    const runId = useRunStore.getState().continueRun(record);
    if (runId === null || !resume || !config) return;
    const key = useRunsStore.getState().keyFor(runId, record?.key);
    client.send({
      type: 'restore',
      runId,
      config,
      saved: { key, roles: checkpointRoles(resume, config), phase: 'stopped', resume },
    });
  };
}
