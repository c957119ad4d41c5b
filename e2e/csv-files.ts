/** CSV files the specs upload, generated: nothing is fetched or shipped for them. */
/** Three labelled blobs in 2-D, as a person's own file would hold them. */
export function blobsCsv(rows: number, corrupt?: { row: number; text: string }): string {
  const names = ['setosa', 'versicolor', 'virginica'];
  const lines = ['x1,x2,species'];
  for (let i = 0; i < rows; i++) {
    const c = i % 3;
    const x = (c - 1) * 2 + Math.sin(i * 12.9898) * 0.6;
    const y = (c === 1 ? 1.5 : -0.5) + Math.cos(i * 78.233) * 0.6;
    lines.push(`${x.toFixed(3)},${y.toFixed(3)},${names[c] ?? ''}`);
  }
  // File row numbers count the header as row 1.
  if (corrupt) lines[corrupt.row - 1] = corrupt.text;
  return `${lines.join('\n')}\n`;
}

/** A CSV as Playwright hands a file input one. */
export const csvFile = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text),
});
