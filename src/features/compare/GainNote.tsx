import { useDisplayedConfig } from '../../state/displayed-config';
import { useRunStore } from '../../state/run-store';
import { seedsText } from '../../state/run-record';
import { percent } from '../../ui/format';
import { testRowsWord } from '../../core/data/class-names';
import { acrossSeeds, gainSentences, resultOf, samplingHalfWidth } from './results';
import s from './compare.module.css';

/**
 * What distillation bought, with how sure it is, and what the table's numbers are: one run's
 * accuracies with their sampling noise on the test rows, or means over seeds with intervals.
 */
export function GainNote() {
  const summary = useRunStore((s) => s.run?.summary);
  const epochs = useRunStore((s) => s.run?.epochs);
  const seeds = useRunStore((s) => s.run?.seeds);
  const students = useRunStore((s) => s.run?.students);
  const comparisons = useRunStore((s) => s.run?.comparisons);
  const repeat = useRunStore((s) => s.run?.repeat ?? null);
  const studied = useRunStore((s) => s.run?.studied ?? 0);
  const testRows = useRunStore((s) => s.run?.dataset?.test);
  const config = useDisplayedConfig();
  if (!summary || !epochs || !seeds) {
    return (
      <p className={`${s.gain} pending`} data-testid="gain">
        Train a run to compare the students.
      </p>
    );
  }
  const lines = gainSentences({
    summary,
    epochs,
    seeds,
    dataset: config.dataset,
    students,
    comparisons,
  });
  const across = acrossSeeds({ seeds });
  const rows = testRowsWord(config.dataset);
  const distilled = resultOf({ summary, epochs }, 'distilled').accuracy;
  return (
    <>
      {lines ? (
        lines.map((line, i) => (
          <p
            key={line}
            className={i === 0 ? s.gain : `${s.gain} ${s.secondary}`}
            data-testid="gain"
            aria-live="polite"
          >
            {line}
          </p>
        ))
      ) : (
        <p className={`${s.gain} pending`} data-testid="gain" aria-live="polite">
          The distillation gain (distilled − scratch test accuracy) appears once the students have
          trained an epoch.
        </p>
      )}
      <p className="field-hint">
        {across
          ? `Accuracies are means over ${across.seeds.length} seeds (${across.seeds.join(', ')}) ± the half-width of their 95 % confidence interval (Student t). The lens, confusion matrix, exports and latency study seed ${config.seed + studied}${studied === 0 ? ', the first' : ''} (choose another under “The trained models up close”).`
          : distilled !== undefined && testRows
            ? `One run (${seedsText({ seed: config.seed, repeats: 1 })}): each accuracy is measured on ${testRows.toLocaleString('en-US')} ${rows}, so about ±${(samplingHalfWidth(distilled, testRows) * 100).toFixed(1)} points of the distilled student's ${percent(distilled)} is sampling noise alone; seeds add their own spread (set Repeats to measure it).`
            : null}
        {repeat && repeat.index > 0 && seeds.length <= repeat.index
          ? ` Seed ${repeat.index + 1} of ${repeat.of} (${repeat.seed}) is training.`
          : null}
      </p>
    </>
  );
}
