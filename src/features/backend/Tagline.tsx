import { useRunStore } from '../../state/run-store';
import { whereTrainingRuns } from './where';
import s from './backend.module.css';

/** The page's promise, true to where training runs in this browser. */
export function Tagline() {
  const backend = useRunStore((s) => s.backend);
  return (
    <p className={s.tagline}>
      Train a teacher and a small student in your browser — {whereTrainingRuns(backend)} — and see
      what knowledge distillation buys.
    </p>
  );
}
