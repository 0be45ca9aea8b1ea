/**
 * Prints rows as a Markdown table, columns padded to their widest cell.
 * @param rows the header row first, then the body rows.
 * @param print receives one line at a time.
 */
export function table(rows: readonly (readonly string[])[], print: (line: string) => void): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string => '| ' + r.map((cell, c) => cell.padEnd(widths[c])).join(' | ') + ' |';
  print(line(rows[0]));
  print('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows.slice(1)) print(line(r));
}
