import { isImageDataset, sameConfig } from '../../core/config';
import { PRESETS, presetOf } from '../../core/presets';
import { useConfigStore } from '../../state/config-store';
import { loadLastConfig } from '../../state/last-config';

const LAST = 'last';
/** The presets by the data they train on (Fashion-MNIST's twins share MNIST's labels). */
const PRESET_GROUPS = [
  ['MNIST', PRESETS.filter((p) => p.config.dataset === 'mnist')],
  ['Fashion-MNIST', PRESETS.filter((p) => p.config.dataset === 'fashion-mnist')],
  ['2-D points', PRESETS.filter((p) => !isImageDataset(p.config.dataset))],
] as const;
const CUSTOM = 'custom';

/** Whole configurations to start from, including the one this browser last trained. */
export function PresetPicker({ disabled }: { disabled: boolean }) {
  const config = useConfigStore((s) => s.config);
  const replace = useConfigStore((s) => s.replace);
  // A few hundred bytes of localStorage; Train may have changed it since the last render.
  const last = loadLastConfig();
  const preset = presetOf(config);
  const value = preset?.id ?? (last && sameConfig(last, config) ? LAST : CUSTOM);
  return (
    <div className="field">
      <label htmlFor="preset">Preset</label>
      <select
        id="preset"
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const chosen =
            e.target.value === LAST ? last : PRESETS.find((p) => p.id === e.target.value)?.config;
          if (chosen) replace(chosen);
        }}
      >
        {PRESET_GROUPS.map(([group, presets]) => (
          <optgroup key={group} label={group}>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </optgroup>
        ))}
        {last && <option value={LAST}>Your last setting</option>}
        {value === CUSTOM && <option value={CUSTOM}>Custom</option>}
      </select>
      <div className="field-hint">
        {preset?.about ??
          (value === LAST
            ? 'What you trained last time in this browser.'
            : 'Your own settings; the address bar holds them, so the link reproduces this run.')}
      </div>
    </div>
  );
}
