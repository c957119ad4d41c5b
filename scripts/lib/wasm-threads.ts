import type { Plugin } from 'vite';

/** What the threaded glue's factory starts with: the statement the declaration goes after. */
const ANCHOR = 'WasmBackendModuleThreadedSimd = WasmBackendModuleThreadedSimd || {};';

/**
 * tfjs-wasm's threaded build starts each worker thread from the source text of its glue's factory
 * function (`wasmFactoryThreadedSimd.toString()` in its backend_wasm.js). That function reads one
 * variable of the closure around it, `_scriptDir`; once the minifier renames the closure's
 * variable, the text names something that does not exist in the thread ("e is not defined" in
 * every thread, seen in the preview build). Declaring it inside the function makes the text
 * self-contained, and changes no value: the closure's is undefined in a worker (no document, no
 * `__filename`), where the playground's tfjs runs. A tfjs release whose glue no longer starts so
 * fails the build here, not the threads on the page.
 */
export function wasmThreadsGlue(): Plugin {
  return {
    name: 'tfjs-wasm-threads-glue',
    transform(code, id) {
      if (!/tfjs-backend-wasm-threaded-simd\.js(\?|$)/.test(id)) return null;
      if (!code.includes(ANCHOR)) {
        this.error(`${id}: the threaded glue no longer starts with "${ANCHOR}"`);
      }
      return { code: code.replace(ANCHOR, `${ANCHOR}\nvar _scriptDir;`), map: null };
    },
  };
}
