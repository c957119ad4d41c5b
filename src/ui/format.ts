/** Display formats shared by the table, charts and controls. */

export const percent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)} %`;

/** Signed difference in percentage points, e.g. "+4.2". */
export const points = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
