/** Display formats shared by the table, charts and controls. */

export const percent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)} %`;

export const milliseconds = (ms: number): string => `${ms.toFixed(2)} ms`;
