/**
 * `pnpm rehearse [--seconds 60] [--baseline-rps 4] [--peak 25] [--grab 5] [--only reserved|on-demand]
 * [--on-demand-max 10] [--out .data/rehearsals]`
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rehearse } from './rehearse.js';
import { summaryLines } from './summary.js';
import type { Mode } from './report/types.js';
import { reportDir, writeReport } from './report/write.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'baseline-rps': { type: 'string', default: '4' },
    peak: { type: 'string', default: '25' },
    grab: { type: 'string', default: '5' },
    only: { type: 'string' },
    'on-demand-max': { type: 'string', default: '10' },
    out: { type: 'string', default: join(REPO_ROOT, '.data', 'rehearsals') },
  },
});

function positive(name: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    process.stderr.write(`--${name} must be a number above 0 and at most ${max}, got ${raw}\n`);
    process.exit(2);
  }
  return value;
}

const seconds = positive('seconds', values.seconds, 3600);
const modes: Mode[] = values.only === undefined ? ['reserved', 'on-demand'] : [values.only as Mode];
if (!modes.every((m) => m === 'reserved' || m === 'on-demand')) {
  process.stderr.write(`--only must be reserved or on-demand, got ${values.only}\n`);
  process.exit(2);
}
const started = Date.now();
const report = await rehearse({
  seconds,
  baselineRps: positive('baseline-rps', values['baseline-rps'], 1000),
  peakFactor: positive('peak', values.peak, 100),
  grabFactor: positive('grab', values.grab, 100),
  onDemandMaxInstances: Math.round(positive('on-demand-max', values['on-demand-max'], 100)),
  modes,
  progress: (message) => process.stderr.write(`[${Math.round((Date.now() - started) / 1000)} s] ${message}\n`),
});
const dir = reportDir(values.out ?? '.data/rehearsals', report.startedAt);
const files = await writeReport(report, dir);
process.stdout.write(
  `${summaryLines(report).join('\n')}\nreport: ${files.find((f) => f.endsWith('.html'))}\n  also: ${files.filter((f) => !f.endsWith('.html')).join(', ')}\n`,
);
process.exit(report.runs.every((run) => run.invariants.every((i) => i.ok)) ? 0 : 1);
