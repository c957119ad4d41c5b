import { useRunStore } from '../../state/run-store';
import { useRunsStore } from '../../state/runs-store';
import { resumeText } from '../../protocol/messages';
import { useOpenRecord } from './useOpenRecord';
import s from './runs.module.css';

/** After a reload, before anything else happens: bring back the last run's results and settings. */
export function RestoreOffer() {
  const last = useRunsStore((s) => s.runs[0]);
  const hasRun = useRunStore((s) => s.run !== null);
  const open = useOpenRecord();
  if (!last || hasRun) return null;
  return (
    <p className={s.restoreOffer}>
      Your last run, <strong>{last.name}</strong> ({new Date(last.savedAt).toLocaleString('en-US')}
      ),{' '}
      {last.resume
        ? `was interrupted after ${resumeText(last.resume)}; Restore continues it from there.`
        : 'is saved in this browser.'}{' '}
      <button
        type="button"
        onClick={() => {
          open(last);
        }}
      >
        Restore
      </button>
    </p>
  );
}
