import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type ConfusedPair,
  classSimilarity,
  confusedPairs,
  mapDistance,
} from '../../core/analysis/class-similarity';
import type { RunAnalysis } from '../../protocol/analysis';
import type { ModelId } from '../../protocol/messages';
import { useConfigStore } from '../../state/config-store';
import { Figure } from '../../ui/Figure';
import { useModels } from '../charts/useSeries';
import { axisBand, drawClassAxes, inkFor, shareColor } from './heatmap';
import { ModelPicker } from './ModelPicker';
import { analysedRoles } from './predictions';
import { useClassName } from './useClassName';
import s from './class-similarity.module.css';

/** Pixels per cell: about 240 px for the map, 20–40 px a cell (room for ".21"). */
const cellSize = (classes: number) => Math.max(20, Math.min(40, Math.floor(240 / classes)));
/** The pairs the sentence names. */
const NAMED_PAIRS = 3;

/** A value in [0, 1] as the cells print it: ".21", "1.0". */
const cellText = (v: number) => (v >= 0.995 ? '1.0' : v.toFixed(2).replace(/^0/, ''));

/** A model's class-similarity map at T, or null for a model the analysis lacks. */
function mapOf(analysis: RunAnalysis, role: ModelId | undefined, temperature: number) {
  const logits = role === undefined ? undefined : analysis.logits[role];
  return logits
    ? classSimilarity(logits, analysis.testLabels, analysis.classes, temperature)
    : null;
}

/**
 * For each true class, the teacher's mean soft targets at the Temperature slider's T over the
 * test rows of that class, beside a chosen student's; recomputed from the analysis logits as the
 * slider moves, with no worker round trip.
 */
export function ClassSimilarity({ analysis }: { analysis: RunAnalysis }) {
  const temperature = useConfigStore((s) => s.config.temperature);
  const { look } = useModels();
  const { name, named } = useClassName();
  const students = useMemo(
    () => analysedRoles(analysis).filter((r) => r !== 'teacher'),
    [analysis],
  );
  const [student, setStudent] = useState<ModelId | undefined>(students[0]);
  const { classes } = analysis;
  const teacher = useMemo(() => mapOf(analysis, 'teacher', temperature), [analysis, temperature]);
  const chosen = useMemo(
    () => mapOf(analysis, student, temperature),
    [analysis, student, temperature],
  );
  const pairs = useMemo(
    () => (teacher ? confusedPairs(teacher, classes, NAMED_PAIRS) : []),
    [teacher, classes],
  );
  const distance = teacher && chosen ? mapDistance(teacher, chosen, classes) : null;
  const pairText = (p: ConfusedPair, i: number) =>
    `${name(p.a)} ↔ ${name(p.b)} (${p.share.toFixed(2)}${i === 0 ? ' of its probability' : ''})`;
  const studentName = student ? look(student).name : '';

  return (
    <Figure
      caption="Class similarity"
      note={`Each row is a true class; each cell the model's mean probability for the column's class over that class's test samples, at T = ${temperature} (the Temperature slider). Off the diagonal: which classes the model finds alike — what soft targets carry and hard labels don't. Distance: the rows' total variation (half the summed absolute differences) averaged over the classes; 0 is the teacher's own map, 1 a disjoint one.`}
    >
      {students.length > 0 && student && (
        <ModelPicker
          roles={students}
          value={student}
          onChange={setStudent}
          label="Class similarity student"
        />
      )}
      <p className={s.similaritySummary} aria-live="polite">
        {teacher && pairs.length > 0 && (
          <>
            The teacher at T = {temperature} finds these most alike:{' '}
            {pairs.map(pairText).join(', ')} — the mean probability one class&rsquo;s samples give
            the other, both ways averaged.
          </>
        )}
        {distance !== null && (
          <>
            {' '}
            {studentName}&rsquo;s map is <strong>{distance.toFixed(3)}</strong> from the
            teacher&rsquo;s (one run, on its {analysis.testLabels.length.toLocaleString('en-US')}{' '}
            test samples).
          </>
        )}
      </p>
      <div className={s.similarityMaps}>
        {teacher && (
          <SimilarityMap
            map={teacher}
            classes={classes}
            title={look('teacher').name}
            name={name}
            named={named}
          />
        )}
        {chosen && student && (
          <SimilarityMap
            map={chosen}
            classes={classes}
            title={studentName}
            name={name}
            named={named}
          />
        )}
      </div>
    </Figure>
  );
}

function SimilarityMap({
  map,
  classes,
  title,
  name,
  named,
}: {
  map: Float64Array;
  classes: number;
  title: string;
  name: (c: number) => string;
  named: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const cell = cellSize(classes);
  const band = axisBand(named);
  const side = band + classes * cell;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, side, side);
    ctx.font = `${cell >= 30 ? 11 : 10}px system-ui, sans-serif`;
    drawClassAxes(ctx, { classes, cell, named, name });
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let t = 0; t < classes; t++) {
      for (let c = 0; c < classes; c++) {
        const v = map[t * classes + c] ?? 0;
        const x = band + c * cell;
        const y = band + t * cell;
        ctx.fillStyle = shareColor(v);
        ctx.fillRect(x, y, cell - 1, cell - 1);
        if (v >= 0.005) {
          ctx.fillStyle = inkFor(Math.sqrt(v));
          ctx.fillText(cellText(v), x + cell / 2, y + cell / 2);
        }
      }
    }
  }, [map, classes, cell, band, side, named, name]);
  return (
    <figure className={s.similarityMap}>
      <figcaption>{title}</figcaption>
      <canvas
        ref={canvas}
        width={side}
        height={side}
        role="img"
        aria-label={`${title}: mean soft targets by true class, ${classes} × ${classes}`}
      />
    </figure>
  );
}
