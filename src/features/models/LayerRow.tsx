import {
  ACTIVATIONS,
  type Activation,
  KERNEL_SIZES,
  type Layer,
  MAX_LAYER_DROPOUT,
} from '../../core/layers';
import s from './models.module.css';

interface LayerRowProps {
  layer: Layer;
  /** "Teacher layer 2": each control's accessible name starts with it. */
  name: string;
  onChange: (layer: Layer) => void;
  onRemove: () => void;
}

interface LayerNumberProps {
  label: string;
  value: number;
  step: number;
  max?: number;
  onValue: (value: number) => void;
}

/** A number box of a layer row; an emptied box is NaN, which the network's validation names. */
function LayerNumber({ label, value, step, max, onValue }: LayerNumberProps) {
  return (
    <input
      type="number"
      aria-label={label}
      min={step === 1 ? 1 : 0}
      max={max}
      step={step}
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => {
        onValue(e.target.value === '' ? Number.NaN : Number(e.target.value));
      }}
    />
  );
}

/** One hidden layer: units, activation and dropout of a dense layer, or a conv–pool block. */
export function LayerRow({ layer, name, onChange, onRemove }: LayerRowProps) {
  const remove = (
    <button
      type="button"
      className={s.layerRemove}
      aria-label={`Remove ${name}`}
      onClick={onRemove}
    >
      ×
    </button>
  );
  if (layer.kind === 'conv') {
    return (
      <li className={s.layerRow}>
        <span
          className={s.layerKind}
          title="A same-padded convolution with ReLU, then 2×2 max-pooling"
        >
          Conv–pool
        </span>
        <LayerNumber
          label={`${name} filters`}
          value={layer.filters}
          step={1}
          onValue={(filters) => {
            onChange({ ...layer, filters });
          }}
        />
        <select
          aria-label={`${name} kernel`}
          value={layer.kernel}
          onChange={(e) => {
            onChange({ ...layer, kernel: Number(e.target.value) });
          }}
        >
          {KERNEL_SIZES.map((k) => (
            <option key={k} value={k}>
              {k}×{k}
            </option>
          ))}
        </select>
        <span className={s.layerNone}>+ pool</span>
        {remove}
      </li>
    );
  }
  return (
    <li className={s.layerRow}>
      <span className={s.layerKind}>Dense</span>
      <LayerNumber
        label={`${name} units`}
        value={layer.units}
        step={1}
        onValue={(units) => {
          onChange({ ...layer, units });
        }}
      />
      <select
        aria-label={`${name} activation`}
        value={layer.activation}
        onChange={(e) => {
          onChange({ ...layer, activation: e.target.value as Activation });
        }}
      >
        {ACTIVATIONS.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <LayerNumber
        label={`${name} dropout`}
        value={layer.dropout}
        step={0.05}
        max={MAX_LAYER_DROPOUT}
        onValue={(dropout) => {
          onChange({ ...layer, dropout });
        }}
      />
      {remove}
    </li>
  );
}
