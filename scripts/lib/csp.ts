/**
 * The Content-Security-Policy of the built app: nothing but its own origin (and blob URLs it
 * makes itself), no inline script, no eval. 'wasm-unsafe-eval' lets the wasm backend compile its module (it allows WebAssembly only,
 * not JavaScript eval).
 */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  // blob: for tfjs-wasm's threaded build: its worker threads start from a blob and load the
  // module's glue from another (only code already running here can make a blob URL).
  'script-src': "'self' 'wasm-unsafe-eval' blob:",
  'worker-src': "'self' blob:",
  'connect-src': "'self'",
  'img-src': "'self' data: blob:",
  'style-src': "'self'",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

/** The headers that make a page cross-origin isolated (every resource here is same-origin). */
export const ISOLATION: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([directive, value]) => `${directive} ${value}`)
  .join('; ');
