/** The message of anything thrown, for the error notices the worker and the command line give. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
