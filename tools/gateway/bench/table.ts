/**
 * Prints a Markdown table on stdout, each column padded to its widest cell.
 *
 * @example
 * printTable(['path', 'req/s'], [['direct', '9000'], ['gateway', '6000']]);
 */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |\n`;
  process.stdout.write(line(header) + line(widths.map((width) => '-'.repeat(width))) + rows.map(line).join(''));
}
