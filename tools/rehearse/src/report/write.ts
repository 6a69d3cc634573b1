import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHARTS } from './charts.js';
import { reportHtml } from './html.js';
import { renderSvg } from './svg.js';
import type { RehearsalReport } from './types.js';

/** The report page's chart script, built from web/report.ts (from sources, the built one in dist). */
const SCRIPT = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../dist/web/report.js' : './web/report.js', import.meta.url),
);

/** The folder of a report: `<root>/<start time>` with `:` and `.` made file-name safe. */
export function reportDir(root: string, startedAt: string): string {
  return join(root, startedAt.replace(/[:.]/g, '-'));
}

/**
 * Writes report.json, report.html and one SVG per chart into `dir`; returns the files written.
 *
 * @example
 * await writeReport(report, '.data/rehearsals/2026-11-11T00-00-00-000Z');
 */
export async function writeReport(report: RehearsalReport, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
    ['report.html', reportHtml(report, await readFile(SCRIPT, 'utf8'))],
    ...Object.entries(CHARTS).map(([name, build]): [string, string] => [`${name}.svg`, renderSvg(build(report))]),
  ];
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
