import { ACTIVATIONS, type Activation, KERNEL_SIZES, type Layer } from '../../core/layers';

interface LayerRowProps {
  layer: Layer;
  /** "Teacher layer 2": each control's accessible name starts with it. */
  name: string;
  onChange: (layer: Layer) => void;
  onRemove: () => void;
}

/** An emptied number box is NaN, which the network's validation names. */
function numberOf(text: string): number {
  return text === '' ? Number.NaN : Number(text);
}

/** One hidden layer: units, activation and dropout of a dense layer, or a conv–pool block. */
export function LayerRow({ layer, name, onChange, onRemove }: LayerRowProps) {
  const remove = (
    <button type="button" className="layer-remove" aria-label={`Remove ${name}`} onClick={onRemove}>
      ×
    </button>
  );
  if (layer.kind === 'conv') {
    return (
      <li className="layer-row">
        <span
          className="layer-kind"
          title="A same-padded convolution with ReLU, then 2×2 max-pooling"
        >
          Conv–pool
        </span>
        <input
          type="number"
          aria-label={`${name} filters`}
          min={1}
          step={1}
          value={Number.isFinite(layer.filters) ? layer.filters : ''}
          onChange={(e) => {
            onChange({ ...layer, filters: numberOf(e.target.value) });
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
        <span className="layer-none">+ pool</span>
        {remove}
      </li>
    );
  }
  return (
    <li className="layer-row">
      <span className="layer-kind">Dense</span>
      <input
        type="number"
        aria-label={`${name} units`}
        min={1}
        step={1}
        value={Number.isFinite(layer.units) ? layer.units : ''}
        onChange={(e) => {
          onChange({ ...layer, units: numberOf(e.target.value) });
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
      <input
        type="number"
        aria-label={`${name} dropout`}
        min={0}
        max={0.9}
        step={0.05}
        value={Number.isFinite(layer.dropout) ? layer.dropout : ''}
        onChange={(e) => {
          onChange({ ...layer, dropout: numberOf(e.target.value) });
        }}
      />
      {remove}
    </li>
  );
}
