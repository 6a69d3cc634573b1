import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PhaseReport } from './phase.js';
import { WATCHED_LINES } from './platform.js';

/** `502 upstream-unreachable ×12, 503 storage-unavailable ×3`, most frequent first. */
function counts(map: Record<string, number>): string {
  const entries = Object.entries(map).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ×${n}`).join(', ');
}

/** ` (failed: name; name)` when a check failed, else nothing. */
function failed(report: PhaseReport): string {
  const names = report.checks.filter((result) => !result.passed).map((result) => result.name);
  return names.length === 0 ? '' : ` (failed: ${names.join('; ')})`;
}

/**
 * The chaos table as Markdown: fault, rate, times it fired, requests, client-visible errors by
 * status and code, final refusals, how the functions answered storage failures, invariant checks passed.
 *
 * @example
 * renderTable(reports) // '| fault | rate | requests | ...'
 */
export function renderTable(reports: readonly PhaseReport[]): string {
  const rows = reports.map((report) => {
    const passed = report.checks.filter((result) => result.passed).length;
    return [
      report.fault,
      report.rate,
      String(report.faultsFired),
      String(report.requests),
      counts(report.retried),
      counts(report.refused),
      WATCHED_LINES.map((msg) => report.functionLog[msg] ?? 0).join(' / '),
      `${passed}/${report.checks.length}${failed(report)}`,
    ];
  });
  const header = [
    'fault',
    'rate',
    'faults fired',
    'requests',
    'client-visible errors (retried, same key)',
    'final refusals',
    'function logs: 503 busy / 503 outcome unknown / masked 500 / answered, not stored',
    'invariant checks passed',
  ];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * Writes `chaos-report.json` (every phase in full, with each check and its problems) and
 * `chaos-report.md` (the table) into `dir`; returns the table.
 *
 * @example
 * const table = await writeReport('tools/chaos/test-output', reports);
 */
export async function writeReport(
  dir: string,
  reports: readonly PhaseReport[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const table = renderTable(reports);
  await writeFile(join(dir, 'chaos-report.json'), `${JSON.stringify({ ...extra, phases: reports }, null, 2)}\n`);
  await writeFile(join(dir, 'chaos-report.md'), `${table}\n`);
  return table;
}
