/**
 * The page's colours, in one place: the stylesheets read them as CSS custom properties
 * (`var(--line)`), set on the document root by `applyTokens` before the first render; the charts
 * and canvases, which draw with attributes and 2-D contexts where `var()` does not reach, import
 * them from here.
 */
export const TOKENS = {
  bg: '#f1f5f9',
  card: '#ffffff',
  ink: '#0f172a',
  muted: '#475569',
  line: '#e2e8f0',
  accent: '#4f46e5',
  error: '#b91c1c',
  'warn-bg': '#fef3c7',
  'warn-ink': '#78350f',
} as const;

/** Sets every token as a custom property (`--bg`, `--line`, …) on `root`. */
export function applyTokens(root: HTMLElement): void {
  for (const [name, value] of Object.entries(TOKENS)) root.style.setProperty(`--${name}`, value);
}
