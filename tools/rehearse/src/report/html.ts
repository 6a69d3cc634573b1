/** The report as one HTML file: the figures as tables, the charts drawn by the bundled ECharts script. */
import type { RehearsalReport, RunReport } from './types.js';

const escape = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(head: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const cells = (row: readonly unknown[], tag: string) => row.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('');
  return `<table><thead><tr>${cells(head, 'th')}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table>`;
}

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

function runSection(run: RunReport): string {
  const g = run.generator;
  const cpuRows = Object.entries(run.cpuByPhase).map(([phase, parts]) => [
    phase,
    `${Math.round((run.machineBusyByPhase[phase] ?? 0) * 100)}%`,
    Object.entries(parts)
      .map(([name, cores]) => `${name} ${cores}`)
      .join(', '),
  ]);
  return `<section>
<h2>${escape(run.settings.label)}</h2>
<p>provisioned: ${escape(run.settings.provisioned)}; instance concurrency: ${escape(run.settings.instanceConcurrency)}; at most ${run.settings.maxInstances} instances per function.
<strong>p99 of the flash sale / p99 of the baseline: ${escape(run.burstRatio ?? 'n/a')}</strong></p>
${table(
  ['phase', 's', 'req/s', 'timed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', '5xx', 'no answer', '429', 'refusals (4xx)'],
  run.phases.map((p) => [
    p.phase,
    p.seconds,
    p.rps,
    p.count,
    p.p50,
    p.p95,
    p.p99,
    p.max,
    p.errors5xx,
    p.noAnswer,
    p.throttled,
    counts(p.refusals),
  ]),
)}
<h3>Latency by layer (ms: p50 / p99): end to end, at the gateway, inside the functions</h3>
${table(
  ['phase', 'end to end (generator)', 'gateway (its access lines)', 'functions (their access lines)'],
  run.phases.map((p) => {
    const layer = run.layers[p.phase];
    return [
      p.phase,
      `${p.p50} / ${p.p99}`,
      layer ? `${layer.gateway.p50} / ${layer.gateway.p99}` : '',
      layer ? `${layer.function.p50} / ${layer.function.p99}` : '',
    ];
  }),
)}
<p>Inside each function during the flash sale (p50 / p99 ms): ${escape(
    Object.entries(run.functionsInBurst)
      .map(([fn, l]) => `${fn} ${l.p50} / ${l.p99}`)
      .join(', ') || 'no lines',
  )}</p>
<h3>Latency by request kind (ms: p50 / p99)</h3>
${table(
  ['kind', ...run.phases.map((p) => p.phase)],
  [...new Set(run.phases.flatMap((p) => Object.keys(p.byKind)))]
    .sort()
    .map((kind) => [kind, ...run.phases.map((p) => (p.byKind[kind] ? `${p.byKind[kind].p50} / ${p.byKind[kind].p99}` : ''))]),
)}
<h3>Errors, 429s, instances</h3>
${table(
  ['what', 'figures'],
  [
    ['5xx answers', `${run.errors.errors5xx} (${counts(run.errors.errorCodes)})`],
    ['no answer (connection failed or timed out)', run.errors.noAnswer],
    ['refusals by code', counts(run.errors.byCode)],
    ['429s per channel', counts(run.throttledByChannel)],
    ['cold starts per function', counts(run.coldStarts)],
    ['most instances at once per function', counts(run.maxInstances)],
    ['requests that waited for a free instance slot', `${run.queued.requests} (deepest queue ${run.queued.maxDepth})`],
  ],
)}
<h3>Invariants, checked from storage after the run</h3>
${table(
  ['invariant', 'holds', 'detail'],
  run.invariants.map((i) => [i.name, i.ok ? 'yes' : 'NO', i.detail]),
)}
<h3>The load generator (its own process)</h3>
<p>CPU ${Math.round(g.cpuShareMean * 100)}% of one core on average, ${Math.round(g.cpuShareMax * 100)}% in its busiest second;
sent ${g.lagP50Ms} ms late at the median, ${g.lagP99Ms} ms at p99 (max ${g.lagMaxMs} ms); event-loop delay p99 ${g.loopDelayP99Ms} ms;
${g.dropped} requests dropped at its in-flight cap; at most ${g.maxInFlight} in flight.</p>
<h3>Where the CPU went (mean cores per phase, ${run.cores} cores on this machine)</h3>
<p>Other work on this machine (not this run) used ${run.otherLoadCores} cores on average${run.otherLoadCores > 0.25 ? ': <strong>these figures do not measure the platform alone</strong>' : ''}.</p>
${table(['phase', 'machine busy', 'cores by component'], cpuRows)}
</section>`;
}

/**
 * The report page. `script` is the bundled chart script (dist/web/report.js), inlined.
 *
 * @example
 * writeFileSync('report.html', reportHtml(report, readFileSync(REPORT_SCRIPT, 'utf8')));
 */
export function reportHtml(report: RehearsalReport, script: string): string {
  const data = JSON.stringify(report).replace(/</g, '\\u003c');
  const phases = report.phases.map((p) => `${p.name} ${p.start}-${p.end} s`).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Double 11 rehearsal ${escape(report.startedAt)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #1f2937; max-width: 1200px; }
.chart { height: 420px; border: 1px solid #e5e7eb; border-radius: 6px; margin: 12px 0; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 3px 8px; text-align: left; }
section { margin-top: 28px; }
</style>
</head>
<body>
<h1>Double 11 rehearsal</h1>
<p>${escape(report.startedAt)}: ${report.seconds} s per run, baseline ${report.baselineRps} req/s, coupon grab at ${report.grabFactor}x, flash sale at ${report.peakFactor}x the baseline.
Phases: ${escape(phases)}. Seeded: ${report.seed.members} members, ${report.seed.couponTotal} coupons, ${report.seed.flashQuantity} flash-sale units.
Latencies are measured by the load generator, end to end through the gateway; 429s are counted apart, not timed.
Charts as SVG: <a href="requests.svg">requests.svg</a>, <a href="latency.svg">latency.svg</a>, <a href="instances.svg">instances.svg</a>; figures: <a href="report.json">report.json</a>.</p>
<div class="chart" id="chart-requests"></div>
<div class="chart" id="chart-latency"></div>
<div class="chart" id="chart-instances"></div>
${report.runs.map(runSection).join('\n')}
<script type="application/json" id="rehearsal-data">${data}</script>
<script>${script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
