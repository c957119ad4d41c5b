import { datasetShape, inputShape, networkParameters } from '../../core/config';
import { type Layer, MAX_HIDDEN_LAYERS, describeNetwork, withAddedLayer } from '../../core/layers';
import { fp32Bytes, formatBytes, formatCount } from '../../core/size';
import { type LayerField, useConfigStore } from '../../state/config-store';
import { LayerRow } from './LayerRow';
import s from './models.module.css';

/** What the add buttons add; conv blocks only on image data. */
const ADDABLE: { kind: Layer['kind']; text: string }[] = [
  { kind: 'dense', text: 'Dense layer' },
  { kind: 'conv', text: 'Conv block' },
];

interface NetworkEditorProps {
  field: LayerField;
  /** "Teacher" or "Student": the legend and the start of every control's accessible name. */
  model: 'Teacher' | 'Student';
  disabled: boolean;
}

/**
 * The hidden layers of one network, one row each, with add and remove; its hint is the network's
 * shape, parameters and fp32 size, e.g. "784 → 32 → 10: 25,450 parameters · 101.8 KB at fp32",
 * updated as the person edits.
 */
export function NetworkEditor({ field, model, disabled }: NetworkEditorProps) {
  const config = useConfigStore((s) => s.config);
  const error = useConfigStore((s) => s.errors[field]);
  const set = useConfigStore((s) => s.set);
  const layers = config[field];
  const input = inputShape(config);
  const { classes } = datasetShape(config);
  const update = (next: Layer[]) => {
    set({ [field]: next });
  };
  const full = layers.length >= MAX_HIDDEN_LAYERS;
  const parameters = networkParameters(config, field);
  const noteId = `${field}-note`;
  return (
    <fieldset className={s.network} aria-describedby={noteId} disabled={disabled}>
      <legend>{model} network</legend>
      {layers.length > 0 && (
        <div className={s.layerHead} aria-hidden="true">
          <span>Layer</span>
          <span>Width</span>
          <span>Activation</span>
          <span>Dropout</span>
        </div>
      )}
      <ol className={s.layers} aria-label={`${model} hidden layers`}>
        {layers.map((layer, i) => (
          <LayerRow
            // Rows are positional: layer i is edited in place, removal shifts the rest up.
            key={i}
            layer={layer}
            name={`${model} layer ${i + 1}`}
            onChange={(changed) => {
              update(layers.map((l, j) => (j === i ? changed : l)));
            }}
            onRemove={() => {
              update(layers.filter((_, j) => j !== i));
            }}
          />
        ))}
      </ol>
      <div className={s.layerOutput}>
        Output: {classes} classes{layers.length === 0 ? ' (no hidden layer: a linear model)' : ''}
      </div>
      <div className={s.layerAdd}>
        {ADDABLE.filter(({ kind }) => kind === 'dense' || input.imageSide !== undefined).map(
          ({ kind, text }) => (
            <button
              key={kind}
              type="button"
              disabled={full}
              aria-label={`Add ${model.toLowerCase()} ${text.toLowerCase()}`}
              onClick={() => {
                update(withAddedLayer(layers, kind));
              }}
            >
              + {text}
            </button>
          ),
        )}
      </div>
      <div
        id={noteId}
        className={error ? 'field-error' : 'field-hint'}
        role={error ? 'alert' : undefined}
      >
        {error ??
          `${describeNetwork(input, layers, classes)}: ${formatCount(parameters)} parameters · ${formatBytes(fp32Bytes(parameters))} at fp32`}
      </div>
    </fieldset>
  );
}
