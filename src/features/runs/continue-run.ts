import { checkpointRoles } from '../../protocol/messages';
import type { RunRecord } from '../../state/run-record';
import { keepsTraining, useRunStore } from '../../state/run-store';
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
    // The continued run keeps training past its epochs when the page's switch says so, as a
    // fresh one would (a new worker knows nothing of the switch).
    const keepTraining = keepsTraining(useRunStore.getState().keepTraining, config);
    client.send({ type: 'keep-training', on: keepTraining });
    client.send({
      type: 'restore',
      runId,
      config,
      saved: { key, roles: checkpointRoles(resume, config), phase: 'stopped', resume },
    });
  };
}
