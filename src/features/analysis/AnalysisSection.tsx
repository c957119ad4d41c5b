import { useDeferredValue, useMemo } from 'react';
import { appliedConfig } from '../../state/run-record';
import { ExportPytorch } from '../pytorch/ExportPytorch';
import { useRunStore } from '../../state/run-store';
import { ClassSimilarity } from './ClassSimilarity';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DrawPad } from './DrawPad';
import { ExportButtons } from './ExportButtons';
import { OnnxRuntime } from './OnnxRuntime';
import { Pareto } from './Pareto';
import { QuantizedSizes } from './QuantizedSizes';
import { SeedPicker } from './SeedPicker';
import { SoftTargets } from './SoftTargets';
import { analysedRoles, isImageData } from './predictions';
import { useDisplayedConfig } from '../../state/displayed-config';
import s from './analysis.module.css';

/** The views that study a finished run's models: lens, drawing pad, confusion, sizes, export. */
export function AnalysisSection() {
  const runId = useRunStore((s) => s.run?.id);
  // Rendered at transition priority: mounting the lens, matrix, sizes and Pareto together is the
  // heaviest render of the page, and React can split a deferred one across frames.
  const analysis = useDeferredValue(useRunStore((s) => s.run?.analysis ?? null));
  const latency = useRunStore((s) => s.run?.latency ?? null);
  const archived = useRunStore((s) => s.run?.archived !== undefined);
  const failure = useRunStore((s) => s.run?.analysisError);
  // An imported teacher is not the playground's to export: its own files are the teacher.
  const imported = useRunStore((s) => s.run?.teacherImported?.name);
  // The pad draws digits: only MNIST's models know what to make of a stroke.
  const dataset = useDisplayedConfig().dataset;
  // The export replays the schedule the run followed, live changes included.
  const config = useRunStore((s) => s.run?.config);
  const marks = useRunStore((s) => s.run?.marks);
  const played = useMemo(
    () => (config && marks ? appliedConfig({ config, marks }) : null),
    [config, marks],
  );
  const drawable = analysis !== null && isImageData(analysis) && dataset === 'mnist';
  if (runId === undefined) return null;
  if (failure && !analysis) {
    return (
      <section className={s.analysis} aria-labelledby="analysis-title">
        <h2 id="analysis-title">The trained models up close</h2>
        <p className="field-error" role="alert">
          {failure}
        </p>
      </section>
    );
  }
  if (archived && !analysis) {
    return (
      <section className={s.analysis} aria-labelledby="analysis-title">
        <h2 id="analysis-title">The trained models up close</h2>
        <p className="field-hint">
          Bringing this run&rsquo;s models back from the browser&rsquo;s storage… If they were
          deleted or the storage was cleared, train it again (its settings are loaded).
        </p>
      </section>
    );
  }
  return (
    <section className={s.analysis} aria-labelledby="analysis-title">
      <div className={s.analysisHead}>
        <h2 id="analysis-title">The trained models up close</h2>
        <SeedPicker />
        {analysis && (
          <ExportButtons
            runId={runId}
            roles={analysedRoles(analysis).filter((r) => r !== 'teacher' || !imported)}
            imported={imported}
          />
        )}
        {analysis && <OnnxRuntime key={runId} runId={runId} imported={imported} />}
        {analysis && played && (
          <ExportPytorch key={`pytorch-${runId}`} config={played} importedTeacher={imported} />
        )}
      </div>
      {analysis ? (
        // Keyed by run: a new run's views start from their defaults (sample 0, distilled model).
        <div className={s.analysisGrid} key={runId}>
          <SoftTargets analysis={analysis} />
          {drawable && <DrawPad runId={runId} />}
          <ConfusionMatrix analysis={analysis} />
          <div className={drawable ? undefined : s.wide}>
            <Pareto analysis={analysis} latency={latency} />
          </div>
          <div className={s.wide}>
            <ClassSimilarity analysis={analysis} />
          </div>
          <div className={s.wide}>
            <QuantizedSizes analysis={analysis} />
          </div>
        </div>
      ) : (
        <p className="field-hint">
          When the run ends (or is stopped), its models are analysed here: soft targets at any
          temperature, a confusion matrix, which classes each model finds alike, quantized sizes
          with their measured accuracy, a drawing pad for MNIST, and export.
        </p>
      )}
    </section>
  );
}
