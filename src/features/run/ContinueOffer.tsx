import { resumeText } from '../../protocol/messages';
import { useRunStore } from '../../state/run-store';
import { useContinueRun } from '../runs/continue-run';

/**
 * What a run cut short by its worker's death or by a GPU error in the fused kernels can do next:
 * continue from its last checkpoint (in a new worker, or on tfjs's kernels), or start again.
 */
export function ContinueOffer() {
  const run = useRunStore((s) => s.run);
  const continueRun = useContinueRun();
  if (!run || !(run.workerDied || run.fusedFault)) return null;
  const start = run.workerDied
    ? 'A new worker is ready.'
    : 'The GPU still works for tfjs’s kernels.';
  const target = run.workerDied ? '' : ' on tfjs';
  return (
    <p className="banner warning">
      {run.checkpoint ? (
        <>
          {start} Every curve so far is kept.{' '}
          <button
            type="button"
            onClick={() => {
              continueRun();
            }}
          >
            Continue{target} from {resumeText(run.checkpoint)}
          </button>
        </>
      ) : (
        `${start} No epoch had been saved yet: press Train to start again${target}.`
      )}
    </p>
  );
}
