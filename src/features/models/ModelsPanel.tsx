import { DATASET_SHAPES, LIMITS } from '../../core/config';
import { fp32Bytes, formatBytes, formatCount, mlpParameterCount } from '../../core/size';
import { type LayerField, useConfigStore } from '../../state/config-store';
import { Field } from '../../ui/Field';
import { Panel } from '../../ui/Panel';
import { useLiveHyper } from '../distill/useLiveHyper';
import { ConfigNumberField } from '../config/ConfigNumberField';

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
        <ConfigNumberField
          field="teacherDropout"
          label="Teacher dropout"
          step={0.05}
          disabled={disabled}
        />
        <ConfigNumberField field="batchSize" label="Batch size" step={1} disabled={disabled} />
      </div>
      <div className="field-row">
        <ConfigNumberField
          field="teacherEpochs"
          label="Teacher epochs"
          step={1}
          disabled={disabled}
        />
        <ConfigNumberField
          field="studentEpochs"
          label="Student epochs"
          step={1}
          disabled={disabled}
        />
      </div>
      <div className="field-row">
        <ConfigNumberField
          field="learningRate"
          label="Learning rate"
          step="any"
          hint="Adam, all three models; live"
          onValue={(learningRate) => {
            const { min, max } = LIMITS.learningRate;
            if (learningRate >= min && learningRate <= max) setHyper({ learningRate });
            else set({ learningRate });
          }}
        />
        <ConfigNumberField
          field="seed"
          label="Seed"
          step={1}
          disabled={disabled}
          hint="Split, labels, init, batches"
        />
      </div>
    </Panel>
  );
}
