/** The lines `pnpm rehearse` prints at the end: the ratio per run, then what to look at. */
import type { RehearsalReport } from './report/types.js';

/**
 * A short text summary of a report.
 *
 * @example
 * process.stdout.write(summaryLines(report).join('\n'));
 */
export function summaryLines(report: RehearsalReport): string[] {
  const lines: string[] = [];
  const burstP99 = (run: RehearsalReport['runs'][number]) => run.phases.find((p) => p.phase === 'flash-sale')?.p99 ?? 0;
  for (const run of report.runs) {
    const phase = (name: string) => run.phases.find((p) => p.phase === name);
    const base = phase('baseline');
    const burst = phase('flash-sale');
    const failed = run.invariants.filter((i) => !i.ok);
    lines.push(
      `${run.settings.label}:`,
      `  p99 burst / p99 baseline = ${run.burstRatio ?? 'n/a'}  (flash sale p50 ${burst?.p50} ms, p99 ${burst?.p99} ms at ${burst?.rps} req/s; baseline p50 ${base?.p50} ms, p99 ${base?.p99} ms at ${base?.rps} req/s)`,
      `  5xx ${run.errors.errors5xx}${
        run.errors.errors5xx
          ? ` (${Object.entries(run.errors.errorCodes)
              .map(([code, n]) => `${code} ${n}`)
              .join(', ')})`
          : ''
      }, no answer ${run.errors.noAnswer}, 429s ${Object.values(run.throttledByChannel).reduce((a, b) => a + b, 0)}, cold starts ${Object.values(run.coldStarts).reduce((a, b) => a + b, 0)}`,
      `  invariants: ${failed.length === 0 ? `all ${run.invariants.length} hold` : `FAILED: ${failed.map((i) => `${i.name} (${i.detail})`).join('; ')}`}`,
      `  load generator: ${Math.round(run.generator.cpuShareMean * 100)}% of a core on average, ${Math.round(run.generator.cpuShareMax * 100)}% at most; sent p99 ${run.generator.lagP99Ms} ms late; ${run.generator.dropped} dropped`,
      `  where the time goes in the flash sale: the machine's ${run.cores} cores ${Math.round((run.machineBusyByPhase['flash-sale'] ?? 0) * 100)}% busy (${Object.entries(
        run.cpuByPhase['flash-sale'] ?? {},
      )
        .map(([name, cores]) => `${name} ${cores}`)
        .join(', ')})`,
      `    p99 by request kind: ${Object.entries(burst?.byKind ?? {})
        .sort((a, b) => b[1].p99 - a[1].p99)
        .map(([kind, l]) => `${kind} ${l.p99} ms`)
        .join(', ')}`,
      `    p99 end to end ${burst?.p99} ms; at the gateway ${run.layers['flash-sale']?.gateway.p99} ms; inside the functions ${run.layers['flash-sale']?.function.p99} ms (${Object.entries(
        run.functionsInBurst,
      )
        .map(([fn, l]) => `${fn} ${l.p99}`)
        .join(', ')}); baseline: ${base?.p99}, ${run.layers.baseline?.gateway.p99}, ${run.layers.baseline?.function.p99} ms`,
      `    ${run.queued.requests} requests waited for a free instance slot (deepest queue ${run.queued.maxDepth})`,
    );
  }
  const [reserved, onDemand] = report.runs;
  if (reserved && onDemand && burstP99(reserved) > 0) {
    lines.push(
      `flash-sale p99: ${burstP99(reserved)} ms with reservations against ${burstP99(onDemand)} ms all on demand (${Math.round((burstP99(onDemand) / burstP99(reserved)) * 10) / 10}x)`,
    );
  }
  const busy = report.runs.filter((run) => run.otherLoadCores > 0.25);
  if (busy.length > 0) {
    lines.push(
      `WARNING: other work used ${busy.map((run) => `${run.otherLoadCores} cores`).join(' and ')} of this machine's ${report.runs[0]?.cores} during the run${busy.length > 1 ? 's' : ''}: these figures do not measure the platform alone; rehearse on a quiet machine.`,
    );
  }
  return lines;
}
