import { sameConfig } from '../core/config';
import { decodeHash, encodeHash } from '../core/url-hash';
import { useConfigStore } from './config-store';

/**
 * Keeps the configuration and the URL hash in step: a link's hash is applied at load (and when
 * the hash changes in place); every later change rewrites the hash without adding history entries.
 */
export function startUrlSync(location: Location, history: History): () => void {
  const store = useConfigStore.getState();
  const apply = () => {
    const decoded = decodeHash(location.hash);
    if (!decoded.present) return;
    if (!sameConfig(decoded.config, useConfigStore.getState().config)) {
      store.replace(decoded.config);
    }
    store.setLinkNotices(decoded.notices);
  };
  apply();
  const write = (config = useConfigStore.getState().config) => {
    const hash = encodeHash(config);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  };
  write();
  const unsubscribe = useConfigStore.subscribe((s, previous) => {
    if (s.config !== previous.config) write(s.config);
  });
  const onHashChange = () => {
    apply();
    write();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
