import { LIMITS } from '../../core/config';
import { useConfigStore, usesImportedTeacher } from '../../state/config-store';
import { Panel } from '../../ui/Panel';
import { useLiveSettings } from '../distill/useLiveSettings';
import { ConfigNumberField } from '../config/ConfigNumberField';
import { ImportTeacher } from './ImportTeacher';
import { NetworkEditor } from './NetworkEditor';
import s from './models.module.css';

export function ModelsPanel({ disabled }: { disabled: boolean }) {
  const set = useConfigStore((s) => s.set);
  const setSettings = useLiveSettings();
  // The imported teacher stands in for the network and its epochs until the person trains one.
  const imported = useConfigStore(usesImportedTeacher);
  return (
    <Panel title="Networks">
      {!imported && <NetworkEditor field="teacherHidden" model="Teacher" disabled={disabled} />}
      <ImportTeacher disabled={disabled} />
      <NetworkEditor field="studentHidden" model="Student" disabled={disabled} />
      <div className={s.fieldRow}>
        <ConfigNumberField
          field="teacherEpochs"
          label="Teacher epochs"
          step={1}
          disabled={disabled || imported}
        />
        <ConfigNumberField
          field="studentEpochs"
          label="Student epochs"
          step={1}
          disabled={disabled}
        />
      </div>
      <div className={s.fieldRow}>
        <ConfigNumberField field="batchSize" label="Batch size" step={1} disabled={disabled} />
        <ConfigNumberField
          field="learningRate"
          label="Learning rate"
          step="any"
          hint="Adam, every model; live"
          onValue={(learningRate) => {
            const { min, max } = LIMITS.learningRate;
            if (learningRate >= min && learningRate <= max) setSettings({ learningRate });
            else set({ learningRate });
          }}
        />
      </div>
      <div className={s.fieldRow}>
        <ConfigNumberField
          field="seed"
          label="Seed"
          step={1}
          disabled={disabled}
          hint="Split, labels, init, batches"
        />
        <ConfigNumberField
          field="repeats"
          label="Repeats"
          step={1}
          disabled={disabled}
          hint="Seeds seed, seed + 1, …: mean ± 95 % CI"
        />
      </div>
    </Panel>
  );
}
