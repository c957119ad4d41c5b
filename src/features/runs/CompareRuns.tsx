import { formatLayers } from '../../core/layers';
import { type RunRecord, datasetName, seedsText } from '../../state/run-record';
import { percent } from '../../ui/format';
import { savedAccuracy } from './saved-accuracy';
import s from './runs.module.css';

type Row = [label: string, value: (r: RunRecord) => string];

const ROWS: Row[] = [
  ['Dataset', (r) => datasetName(r.config)],
  [
    'Teacher / student',
    (r) =>
      `${r.teacherImported ? `${r.teacherImported.name} (imported)` : formatLayers(r.config.teacherHidden) || 'linear'} / ${formatLayers(r.config.studentHidden) || 'linear'}`,
  ],
  ['Temperature, α', (r) => `T ${r.config.temperature}, α ${r.config.alpha}`],
  [
    'Labelled, transfer set',
    (r) => `${percent(r.config.labeledFraction, 1)}, ${r.config.transferSet ? 'on' : 'off'}`,
  ],
  ['Seed', (r) => seedsText(r.config)],
  ['Teacher accuracy', (r) => savedAccuracy(r, 'teacher', 2)],
  ['Distilled accuracy', (r) => savedAccuracy(r, 'distilled', 2)],
  ['Scratch accuracy', (r) => savedAccuracy(r, 'scratch', 2)],
];

/** Two saved runs side by side, setting by setting and result by result. */
export function CompareRuns({ a, b }: { a: RunRecord; b: RunRecord }) {
  return (
    <table className={s.compareRuns}>
      <caption>Compare runs</caption>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">{a.name}</th>
          <th scope="col">{b.name}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value(a)}</td>
            <td>{value(b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
