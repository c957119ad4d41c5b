import { isFinished, useRunStore } from '../../state/run-store';
import { useSweepStore } from '../../state/sweep-store';
import { Figure } from '../../ui/Figure';
import { percent } from '../../ui/format';
import { useSweepCommands } from './useSweepCommands';
import { SweepCurve } from './SweepCurve';
import { SweepForm } from './SweepForm';
import { SweepGrid } from './SweepGrid';
import { CapacityResults } from './CapacityResults';
import s from './sweep.module.css';

/**
 * A T × α grid of distilled students and one scratch student — or, for the student's size, a KD
 * and a scratch student of each of a list of networks — trained together in the worker on the
 * run's engine from the run's finished teacher (not trained again), with the run's batches; each
 * distilled student is compared with its scratch student, same steps.
 */
export function Sweep() {
  const commands = useSweepCommands();
  // Field by field: the whole run changes ten times a second while it trains.
  const runId = useRunStore((s) => s.run?.id);
  const ended = useRunStore((s) => isFinished(s.run));
  const summary = useRunStore((s) => s.run?.summary);
  const epochs = useRunStore((s) => s.run?.epochs);
  const studentEpochs = useRunStore((s) => s.run?.config.studentEpochs);
  const sweep = useSweepStore((s) => s.sweep);
  const select = useSweepStore((s) => s.select);
  if (runId === undefined || !summary || !epochs || studentEpochs === undefined) return null;
  const ready = ended && summary.distilled !== undefined;
  const mine = sweep?.request.runId === runId ? sweep : null;
  const running = mine?.status === 'running';
  // The sweep's own scratch student, once it has reported; before, the run's.
  const scratch = mine?.cells[0]?.reference.accuracy ?? summary.scratch?.accuracy;
  const request = mine?.request;
  const capacity = request?.axis === 'capacity';
  const total = !request
    ? 0
    : request.axis === 'capacity'
      ? request.sizes.length
      : request.axis === 'grid'
        ? request.temperatures.length * request.alphas.length
        : 0;
  const done = capacity ? (mine?.sizes.length ?? 0) : (mine?.cells.length ?? 0);
  const unit = capacity ? 'networks' : 'cells';
  const selected = mine?.selected === null || !mine ? undefined : mine.cells[mine.selected];
  return (
    <Figure
      caption="Sweep"
      note={
        scratch === undefined
          ? 'Train a run to the end (or until the students have started), then sweep T and α.'
          : capacity
            ? "How small can the student go: for each network, a KD student (the run's T and α) and a scratch student of that network, trained together for the same steps on the run's batches from the run's teacher (not retrained). Test accuracy against parameters (log scale), 95 % intervals over the test rows (one seed: they do not cover seed-to-seed variation); the gain's p-values are McNemar's, Holm-adjusted over the networks. The command line's --sweep hidden=… --seeds N gives intervals over seeds."
            : `Distilled-student test accuracy for each T and α, and its gap to a scratch student trained beside the cells for the same steps (${percent(scratch, 1)}, the reference). All the cells and their reference train together, on the run's engine, from the run's teacher; the teacher is not retrained.` +
              ' Green: better than scratch, red: worse, each by a gap a paired test on the test rows (McNemar, p < 0.05) says is more than chance; hatched and marked ≈: a gap chance could explain. Click a cell for its interval.'
      }
    >
      <SweepForm
        defaultEpochs={studentEpochs}
        running={running}
        canRun={ready}
        onRun={(partial) => {
          commands.run({ ...partial, runId });
        }}
        onCancel={() => {
          commands.cancel();
        }}
      />
      {mine && (
        <>
          <div className={s.sweepProgress}>
            <progress aria-label="Sweep progress" max={mine.request.epochs} value={mine.epoch} />
            <span aria-live="polite">
              {done > 0
                ? `${done} of ${total} ${unit}`
                : `epoch ${mine.epoch} of ${mine.request.epochs}, ${total} ${unit}`}
              {mine.status === 'cancelled' && ' — cancelled'}
              {mine.status === 'done' && ' — done'}
              {mine.status === 'error' && ` — failed: ${mine.message ?? 'unknown error'}`}
              {capacity
                ? ` · ${total * 2} students train ${mine.request.epochs} epochs together`
                : ` · the cells and their scratch reference train ${mine.request.epochs} epochs together`}
              {mine.engine?.reason && ` on tfjs's kernels: ${mine.engine.reason}`}
            </span>
          </div>
          {mine.request.axis === 'capacity' ? (
            <CapacityResults sizes={mine.sizes} teacher={summary.teacher?.accuracy} />
          ) : (
            <>
              <SweepGrid sweep={mine} scratch={scratch} onSelect={select} />
              {selected ? (
                <SweepCurve cell={selected} epochs={epochs} />
              ) : (
                mine.cells.length > 0 && (
                  <p className="field-hint">Click a cell to see its curves.</p>
                )
              )}
            </>
          )}
        </>
      )}
    </Figure>
  );
}
