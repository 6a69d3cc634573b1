import http from 'node:http';

/** One claimer's answer and how long it took from the moment every claimer was sent off. */
export interface Answer {
  readonly status: number;
  readonly code: string | undefined;
  readonly ms: number;
}

/** What a burst of concurrent operations did: answers per second, latency quantiles, wall time. */
export interface Burst {
  readonly answered: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly wallMs: number;
}

/**
 * Starts `count` operations at once and waits for all; latencies are measured from the common
 * start, as a crowd of buyers pressing the button together experiences them.
 */
export async function burst<T>(count: number, op: (i: number) => Promise<T>): Promise<{ results: T[]; stats: Burst }> {
  const latencies: number[] = [];
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const result = await op(i);
      latencies.push(performance.now() - started);
      return result;
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { results, stats: { answered: count, perSecond: count / (wallMs / 1000), p50Ms: q(0.5), p99Ms: q(0.99), wallMs } };
}

/** POSTs JSON over one keep-alive agent and answers the status and the problem code, if any. */
export function poster(base: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const started = performance.now();
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${base}${path}`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { code?: string };
            resolve({ status: res.statusCode ?? 0, code: json.code, ms: performance.now() - started });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
}

/** A markdown table, columns padded. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
