import type { Phase } from '../../protocol/phases';
import { hasErrors, useConfigStore } from '../../state/config-store';
import { isFinished, isActive, keepsTraining, useRunStore } from '../../state/run-store';
import { teacherSummary } from '../models/teacher-text';
import { RestoreOffer } from '../runs/RestoreOffer';
import { resumeText } from '../../protocol/messages';
import { ContinueOffer } from './ContinueOffer';
import { DivergenceNotice } from './DivergenceNotice';
import { LiveNotices } from './LiveNotices';
import { useRunCommands } from './useRunCommands';
import { RunButtons } from './RunButtons';
import { stepText } from './progress-text';
import s from './run.module.css';

const PHASE_TEXT: Record<Phase, string> = {
  loading: 'Loading the dataset…',
  teacher: 'Training the teacher',
  'soft-targets': 'Caching the teacher’s soft targets',
  students: 'Training the distilled and scratch students in lockstep',
  repeats: 'Training the other seeds (teacher, then both students, for each)',
  done: 'Done',
  stopped: 'Stopped — everything trained so far is kept below',
};

export function RunControls() {
  const config = useConfigStore((s) => s.config);
  const errors = useConfigStore((s) => s.errors);
  const backend = useRunStore((s) => s.backend);
  const measuring = useRunStore((s) => s.measuring);
  const run = useRunStore((s) => s.run);
  const active = isActive(run);
  const invalid = hasErrors(errors);
  const fraction = run && run.totalSteps > 0 ? Math.min(1, run.step / run.totalSteps) : 0;

  const keepTraining = useRunStore((s) => s.keepTraining);
  const keep = keepsTraining(keepTraining, config);
  // With Keep training, steps go past the planned total.
  const past = keep && active && run.totalSteps > 0 && run.step >= run.totalSteps;

  const commands = useRunCommands();

  return (
    <div className={s.runControls}>
      <RunButtons run={run} active={active} canTrain={!invalid} commands={commands} />
      <label className={`checkbox ${s.keepTraining}`}>
        <input
          type="checkbox"
          checked={keep}
          disabled={config.repeats > 1}
          onChange={(e) => {
            commands.setKeepTraining(e.target.checked);
          }}
        />
        Keep training
        <span className="field-hint">
          {config.repeats > 1 ? '(not with repeats)' : 'past the set epochs, until Stop'}
        </span>
      </label>
      {invalid && <p className="field-error">Fix the highlighted fields to train.</p>}
      {past ? (
        // Indeterminate: a run that goes on until Stop has no end to measure against.
        <progress aria-label="Training progress" />
      ) : (
        <progress aria-label="Training progress" max={1} value={fraction} />
      )}
      {/* The run's phase and pause as attributes too: what lasts, for a test to wait on. */}
      <p
        className={s.phase}
        data-testid="phase"
        aria-live="polite"
        data-phase={run ? (run.error ? 'failed' : run.phase) : 'none'}
        data-paused={run?.paused === true}
      >
        {run ? (
          <>
            {run.paused ? 'Paused — ' : ''}
            {run.error
              ? `Failed: ${run.error}`
              : run.phase === 'students' && run.config.students
                ? `Training the ${run.config.students.length} students in lockstep`
                : PHASE_TEXT[run.phase]}
            {run.phase === 'soft-targets' &&
              run.teacherRows &&
              ` · the teacher has run on ${run.teacherRows.done.toLocaleString('en-US')} of ${run.teacherRows.total.toLocaleString('en-US')} rows`}
            {run.repeat &&
              !isFinished(run) &&
              ` · seed ${run.repeat.index + 1} of ${run.repeat.of}`}
            {stepText(run, active)}
          </>
        ) : (
          'Set up the experiment, then press Train.'
        )}
      </p>
      {!backend && (
        <p className={s.phase} data-testid="phase" aria-live="polite">
          Choosing a backend
          {measuring ? ` (${measuring})` : ': starting the training worker'}
          {run ? ': the run starts as soon as one is chosen.' : '; a run started now waits for it.'}
        </p>
      )}
      {run?.teacherReused && (
        <p className={s.phase} data-testid="phase">
          Teacher reused from the previous run (same teacher settings and data): only the students
          train; its curves are the previous run&rsquo;s.
        </p>
      )}
      {run?.teacherImported && (
        <p className={s.phase} data-testid="phase">
          Teacher imported from {run.teacherImported.name} ({teacherSummary(run.teacherImported)}):
          it was not trained here, so it has no curves; the students learn from its soft targets. If
          it was trained on rows that are test rows here, its test accuracy is optimistic.
        </p>
      )}
      {run?.recovered && active && run.paused && (
        <p className="banner warning">
          The GPU device was lost. The models were rebuilt on{' '}
          <strong>{run.recovered.backend}</strong> from{' '}
          {run.recovered.resume
            ? `the checkpoint after ${resumeText(run.recovered.resume)}`
            : 'the start (no epoch had been completed)'}
          ; every curve so far is kept. Press Resume to continue.
        </p>
      )}
      <ContinueOffer />
      <RestoreOffer />
      <DivergenceNotice />
      <LiveNotices />
    </div>
  );
}
