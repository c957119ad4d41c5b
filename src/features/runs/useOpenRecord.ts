import { useConfigStore } from '../../state/config-store';
import type { RunRecord } from '../../state/run-record';
import { useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';
import { MODEL_ROLES } from '../../protocol/messages';
import { useContinueRun } from './continue-run';

/**
 * Shows a saved run (results and settings at once) and asks the worker to rebuild its models from
 * their saved weights, which brings back the analysis views; an interrupted run continues.
 */
export function useOpenRecord(): (record: RunRecord) => void {
  const client = useWorkerClient();
  const continueRun = useContinueRun();
  return (record) => {
    if (record.resume) {
      // An interrupted run trains on from its last checkpoint.
      useConfigStore.getState().replace(record.config);
      continueRun(record);
      return;
    }
    const runId = useRunStore.getState().showRecord(record);
    useConfigStore.getState().replace(record.config);
    const roles = MODEL_ROLES.filter((role) => record.summary[role] !== undefined);
    client.send({
      type: 'restore',
      runId,
      config: record.config,
      saved: { key: record.key, roles, phase: record.phase },
    });
  };
}
