import http from 'node:http';

/** What a run of operations did: answers per second, latency quantiles, wall time. */
export interface Run {
  readonly answered: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly wallMs: number;
}

function summary(latencies: number[], wallMs: number): Run {
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { answered: latencies.length, perSecond: latencies.length / (wallMs / 1000), p50Ms: q(0.5), p99Ms: q(0.99), wallMs };
}

/**
 * Starts `count` operations at once and waits for all; latencies are measured from the common
 * start, as a crowd of buyers pressing the button together experiences them.
 *
 * @example
 * const { results, run } = await burst(5000, (i) => buy(members[i]));
 */
export async function burst<T>(count: number, op: (i: number) => Promise<T>): Promise<{ results: T[]; run: Run }> {
  const latencies: number[] = [];
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const result = await op(i);
      latencies.push(performance.now() - started);
      return result;
    }),
  );
  return { results, run: summary(latencies, performance.now() - started) };
}

/**
 * Runs `op` back to back on `concurrency` workers for `seconds`; each latency is one operation's own.
 *
 * @example
 * const run = await closedLoop(50, 5, (i) => createOrder(i));
 */
export async function closedLoop(concurrency: number, seconds: number, op: (i: number) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        await op(issued++);
        latencies.push(performance.now() - at);
      }
    }),
  );
  return summary(latencies, performance.now() - started);
}

/** One HTTP answer: its status and the problem code, if any. */
export interface Answer {
  readonly status: number;
  readonly code: string | undefined;
}

/**
 * POSTs JSON over one keep-alive agent and answers the status and the problem code, if any.
 *
 * @example
 * const post = poster('http://127.0.0.1:9000', 5000);
 * const { status } = await post('/orders', body);
 */
export function poster(base: string, sockets: number): (path: string, body: unknown) => Promise<Answer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (path, body) => {
    const payload = JSON.stringify(body);
    return new Promise((resolve) => {
      const req = http.request(
        `${base}${path}`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { code?: string };
            resolve({ status: res.statusCode ?? 0, code: json.code });
          });
        },
      );
      // A connection the crowd could not make is an answer too (counted by its code), not a crash.
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, code: error.code ?? error.message }));
      req.end(payload);
    });
  };
}

/** How many answers had each outcome: the status for a success, the problem code otherwise. */
export function outcomes(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.code ?? String(a.status)] = (counts[a.code ?? String(a.status)] ?? 0) + 1;
  return counts;
}

/** The run with the median rate. */
export function median<T extends { perSecond: number }>(runs: readonly T[]): T {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * A markdown table, columns padded.
 *
 * @example
 * process.stdout.write(table(['burst', 'answered/s'], [['SDK', '5000']]));
 */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
