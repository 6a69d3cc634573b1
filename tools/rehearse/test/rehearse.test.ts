import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rehearse, reportDir, summaryLines, writeReport, type RehearsalReport } from '../src/index.js';

// A short rehearsal end to end: both runs against platforms of their own, the report's files,
// and the invariants read back from storage. Bounded: 8 s of traffic per run at a few req/s.
const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'rehearsals');
let dir = '';
afterAll(async () => {
  if (dir && process.env.KEEP_REHEARSAL !== '1') await rm(dir, { recursive: true, force: true });
});

describe('pnpm rehearse, short', () => {
  let report: RehearsalReport;
  let files: string[];

  it('runs the profile with and without reservations and writes the report', async () => {
    report = await rehearse({ seconds: 8, baselineRps: 3, peakFactor: 20, onDemandMaxInstances: 4 });
    dir = reportDir(OUTPUT, report.startedAt);
    files = await writeReport(report, dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      'instances.svg',
      'latency.svg',
      'report.html',
      'report.json',
      'requests.svg',
    ]);
    expect(report.runs.map((r) => r.settings.mode)).toEqual(['reserved', 'on-demand']);
  });

  it('checks the invariants from storage, and they hold', () => {
    for (const run of report.runs) {
      expect(run.invariants.map((i) => i.name)).toEqual([
        'coupons issued never above the total',
        'every claim answered 201 is a coupon in storage',
        'flash-sale units never oversold, every unit accounted for',
        'flash-sale units sold exactly the stock',
        'every flash-sale purchase answered 201 is an order in storage',
        'no stock below zero',
      ]);
      expect(run.invariants.filter((i) => !i.ok)).toEqual([]);
    }
  });

  it('has per-phase latencies, the burst ratio, 429s per channel, cold starts, instances over time and the generator cost', () => {
    for (const run of report.runs) {
      expect(run.phases.map((p) => p.phase)).toEqual(['warm-up', 'baseline', 'coupon-grab', 'flash-sale', 'cool-down']);
      expect(run.phases.every((p) => p.count > 0 && p.p99 >= p.p50)).toBe(true);
      expect(run.burstRatio).toBeGreaterThan(0);
      expect(Object.keys(run.throttledByChannel).sort()).toEqual(['alipay', 'app', 'pos', 'web', 'wechat']);
      expect(run.perSecond).toHaveLength(8);
      expect(run.perSecond.some((s) => (s.instances ?? 0) > 0)).toBe(true);
      expect(run.generator.dropped).toBe(0);
      expect(run.generator.cpuPerSecond.length).toBeGreaterThan(0);
    }
    // All on demand, one request per instance: every instance is a cold start.
    const onDemand = report.runs[1]!;
    expect(Object.values(onDemand.coldStarts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('writes the same figures as JSON, the two charts and instances as SVG, and an HTML page with everything', async () => {
    const json = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as RehearsalReport;
    expect(json.runs.map((r) => r.burstRatio)).toEqual(report.runs.map((r) => r.burstRatio));
    for (const name of ['requests', 'latency', 'instances']) {
      const svg = await readFile(join(dir, `${name}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('all on demand, 1 request per instance');
    }
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Invariants, checked from storage after the run');
    expect(html).toContain('p99 of the flash sale / p99 of the baseline');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('prints the burst ratio of both runs and compares their flash-sale p99', () => {
    const lines = summaryLines(report);
    expect(lines.filter((line) => line.includes('p99 burst / p99 baseline = '))).toHaveLength(2);
    expect(lines.some((line) => line.startsWith('flash-sale p99: '))).toBe(true);
  });
});
