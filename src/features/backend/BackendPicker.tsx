import { BACKEND_NAMES, type BackendMode } from '../../protocol/messages';
import { saveBackendMode } from '../../state/backend-prefs';
import { isActive, useRunStore } from '../../state/run-store';
import { useWorkerClient } from '../../worker-client/context';

const OPTIONS: { value: BackendMode; label: string }[] = [
  { value: 'auto', label: 'Auto (fastest here)' },
  ...BACKEND_NAMES.map((name) => ({ value: name, label: name })),
];

/** The person's override of the automatic choice; applies from the next run on. */
export function BackendPicker() {
  const client = useWorkerClient();
  const mode = useRunStore((s) => s.backendMode);
  const setMode = useRunStore((s) => s.setBackendMode);
  const running = useRunStore((s) => isActive(s.run));
  return (
    <label className="backend-picker">
      Backend{' '}
      <select
        value={mode}
        disabled={running}
        onChange={(e) => {
          const next = OPTIONS.find((o) => o.value === e.target.value)?.value ?? 'auto';
          setMode(next);
          saveBackendMode(next);
          client.send({ type: 'set-backend', backend: next });
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
