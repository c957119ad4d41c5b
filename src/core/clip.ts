/** Untrusted text (a link, a CSV cell) cut to `max` characters with an ellipsis, to quote it. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
