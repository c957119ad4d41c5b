import { useRunStore } from '../../state/run-store';
import { useModels } from '../charts/useSeries';

/** Says which model diverged and where, and what a person can do about it. */
export function DivergenceNotice() {
  const divergence = useRunStore((s) => s.run?.divergence ?? null);
  const { look } = useModels();
  if (!divergence) return null;
  const { model, step, epoch, loss, learningRate } = divergence;
  return (
    <div className="banner error" role="alert">
      The {look(model).name.toLowerCase()}&rsquo;s training loss became {loss} by step{' '}
      {step.toLocaleString('en-US')} (epoch {epoch.toFixed(2)}), with learning rate {learningRate}.
      Training is paused there and everything shown so far is kept. Lower the learning rate and
      press Train for a new run, or Stop to keep what was trained; Resume continues from weights
      that are no longer finite.
    </div>
  );
}
