/**
 * Where a request's time went, by layer: the gateway's access lines (receive to answer: routing,
 * signature, flow control, waiting for an instance slot, the function) and the functions' own
 * (the handler, storage calls included), read back through the observability contract's
 * `GET /_gateway/logs` after the run.
 */

/** One access line's figures. */
export interface LayerLine {
  source: 'gateway' | 'function';
  function: string;
  /** When the request started, ms since epoch (the line's time less its latency). */
  startedAt: number;
  latencyMs: number;
}

interface RawLine {
  source?: string;
  function?: string;
  route?: string;
  time?: number | string;
  latencyMs?: number;
}

/**
 * Every access line of the functions' requests between `from` and `to` (epoch ms), from the
 * gateway's log store, following the cursor 1000 lines at a time. The gateway's own endpoints
 * (the sampler's, a dashboard's) are left out. Empty when the gateway has no log endpoint.
 *
 * @example
 * const lines = await accessLines(platform.url, t0, Date.now());
 */
export async function accessLines(gatewayUrl: string, from: number, to: number): Promise<LayerLine[]> {
  const lines: LayerLine[] = [];
  const base = `${gatewayUrl}/_gateway/logs?since=${new Date(from).toISOString()}&until=${new Date(to).toISOString()}&limit=1000`;
  let cursor: string | null = null;
  for (let page = 0; page < 500; page++) {
    const response = await fetch(cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base).catch(() => undefined);
    if (!response?.ok) return lines;
    const body = (await response.json()) as { items: RawLine[]; nextCursor: string | null };
    for (const line of body.items) {
      if (line.source !== 'gateway' && line.source !== 'function') continue;
      if (typeof line.latencyMs !== 'number' || !line.function || line.function === 'gateway' || line.function === 'none')
        continue;
      if (line.route?.startsWith('/_gateway')) continue;
      const time = typeof line.time === 'number' ? line.time : Date.parse(String(line.time));
      lines.push({ source: line.source, function: line.function, startedAt: time - line.latencyMs, latencyMs: line.latencyMs });
    }
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return lines;
}
