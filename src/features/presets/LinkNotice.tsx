import { useConfigStore } from '../../state/config-store';
import s from './presets.module.css';

/** What a shared link could not apply; everything else in it did. */
export function LinkNotice() {
  const notices = useConfigStore((s) => s.linkNotices);
  const clear = useConfigStore((s) => s.setLinkNotices);
  if (notices.length === 0) return null;
  return (
    <div className={`banner warning ${s.linkNotice}`} role="alert">
      <p>Some settings in the link were not applied; their defaults are used instead:</p>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          clear([]);
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
