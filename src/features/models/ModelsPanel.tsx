import { DATASET_SHAPES, LIMITS } from '../../core/config';
import { fp32Bytes, formatBytes, formatCount, mlpParameterCount } from '../../core/size';
import { type LayerField, useConfigStore } from '../../state/config-store';
import { Field, NumberField } from '../../ui/Field';
import { Panel } from '../../ui/Panel';
import { useLiveHyper } from '../distill/useLiveHyper';

/** "25,450 parameters · 101.8 KB at fp32" for the network the field currently describes. */
function useSizeHint(field: LayerField): string {
  const config = useConfigStore((s) => s.config);
  const { features, classes } = DATASET_SHAPES[config.dataset];
  const hidden = config[field];
  const parameters = mlpParameterCount(features, hidden, classes);
  const shape = [features, ...hidden, classes].join('–');
  return `${shape}: ${formatCount(parameters)} parameters · ${formatBytes(fp32Bytes(parameters))} at fp32`;
}

export function ModelsPanel({ disabled }: { disabled: boolean }) {
  const config = useConfigStore((s) => s.config);
  const layerText = useConfigStore((s) => s.layerText);
  const errors = useConfigStore((s) => s.errors);
  const set = useConfigStore((s) => s.set);
  const setLayerText = useConfigStore((s) => s.setLayerText);
  const setHyper = useLiveHyper();
  const teacherHint = useSizeHint('teacherHidden');
  const studentHint = useSizeHint('studentHidden');
  return (
    <Panel title="Networks">
      <Field
        label="Teacher hidden layers"
        value={layerText.teacherHidden}
        placeholder="e.g. 512, 512"
        spellCheck={false}
        disabled={disabled}
        error={errors.teacherHidden}
        hint={teacherHint}
        onChange={(e) => {
          setLayerText('teacherHidden', e.target.value);
        }}
      />
      <Field
        label="Student hidden layers"
        value={layerText.studentHidden}
        placeholder="e.g. 32"
        spellCheck={false}
        disabled={disabled}
        error={errors.studentHidden}
        hint={studentHint}
        onChange={(e) => {
          setLayerText('studentHidden', e.target.value);
        }}
      />
      <div className="field-row">
        <NumberField
          label="Teacher dropout"
          min={LIMITS.teacherDropout.min}
          max={LIMITS.teacherDropout.max}
          step={0.05}
          value={config.teacherDropout}
          disabled={disabled}
          error={errors.teacherDropout}
          onValue={(teacherDropout) => {
            set({ teacherDropout });
          }}
        />
        <NumberField
          label="Batch size"
          min={LIMITS.batchSize.min}
          max={LIMITS.batchSize.max}
          step={1}
          value={config.batchSize}
          disabled={disabled}
          error={errors.batchSize}
          onValue={(batchSize) => {
            set({ batchSize });
          }}
        />
      </div>
      <div className="field-row">
        <NumberField
          label="Teacher epochs"
          min={LIMITS.teacherEpochs.min}
          max={LIMITS.teacherEpochs.max}
          step={1}
          value={config.teacherEpochs}
          disabled={disabled}
          error={errors.teacherEpochs}
          onValue={(teacherEpochs) => {
            set({ teacherEpochs });
          }}
        />
        <NumberField
          label="Student epochs"
          min={LIMITS.studentEpochs.min}
          max={LIMITS.studentEpochs.max}
          step={1}
          value={config.studentEpochs}
          disabled={disabled}
          error={errors.studentEpochs}
          onValue={(studentEpochs) => {
            set({ studentEpochs });
          }}
        />
      </div>
      <div className="field-row">
        <NumberField
          label="Learning rate"
          min={LIMITS.learningRate.min}
          max={LIMITS.learningRate.max}
          step="any"
          value={config.learningRate}
          error={errors.learningRate}
          hint="Adam, all three models; live"
          onValue={(learningRate) => {
            const { min, max } = LIMITS.learningRate;
            if (learningRate >= min && learningRate <= max) setHyper({ learningRate });
            else set({ learningRate });
          }}
        />
        <NumberField
          label="Seed"
          min={LIMITS.seed.min}
          max={LIMITS.seed.max}
          step={1}
          value={config.seed}
          disabled={disabled}
          error={errors.seed}
          hint="Split, labels, init, batches"
          onValue={(seed) => {
            set({ seed });
          }}
        />
      </div>
    </Panel>
  );
}
