/** Display formats shared by the table, charts and controls. */

export const percent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)} %`;

/** Below 0.1 ms the worker's clock (0.1 ms resolution) cannot tell times apart. */
export const milliseconds = (ms: number): string => (ms < 0.1 ? '< 0.1 ms' : `${ms.toFixed(2)} ms`);
