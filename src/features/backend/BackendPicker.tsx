import { BACKEND_NAMES, type BackendMode } from '../../protocol/messages';
import { isActive, useRunStore } from '../../state/run-store';
import { useSetBackendMode } from './useBackendMode';
import s from './backend.module.css';

const OPTIONS: { value: BackendMode; label: string }[] = [
  { value: 'auto', label: 'Auto (fastest here)' },
  ...BACKEND_NAMES.map((name) => ({ value: name, label: name })),
];

/** The person's override of the automatic choice; applies from the next run on. */
export function BackendPicker() {
  const mode = useRunStore((s) => s.backendMode);
  const setMode = useSetBackendMode();
  const running = useRunStore((s) => isActive(s.run));
  return (
    <label className={s.backendPicker}>
      Backend{' '}
      <select
        value={mode}
        disabled={running}
        onChange={(e) => {
          const next = OPTIONS.find((o) => o.value === e.target.value)?.value ?? 'auto';
          setMode(next);
        }}
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
