/** Display formats shared by the table, charts and controls. */

export const percent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)} %`;

/** Below 0.1 ms the worker's clock (0.1 ms resolution) cannot tell times apart. */
export const milliseconds = (ms: number): string => (ms < 0.1 ? '< 0.1 ms' : `${ms.toFixed(2)} ms`);

/** A mean over seeds with the half-width of its 95 % interval: "91.24 % ± 1.30". */
export const percentWithin = (mean: number, half: number, digits = 1): string =>
  Number.isFinite(half)
    ? `${percent(mean, digits)} ± ${(half * 100).toFixed(digits)}`
    : percent(mean, digits);
