/** One measured autocannon run, with the CPU each process involved spent on it. */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** How to build each request: the path and headers of the next one. */
export type NextRequest = () => { path: string; headers: Record<string, string> };

export interface LoadOptions {
  /** `http://127.0.0.1:port`. */
  origin: string;
  method: 'GET' | 'POST';
  body?: string;
  next: NextRequest;
  seconds: number;
  connections: number;
  /** The function instance that serves the requests. */
  functionPid: number;
  /** The gateway's CPU so far in µs, when there is a gateway. */
  gatewayCpu?: () => Promise<number>;
}

export interface LoadResult {
  rps: number;
  p99: number;
  requests: number;
  /** CPU per request in µs: the function instance, the gateway (if any), the load generator. */
  functionCpu: number;
  gatewayCpu: number | undefined;
  loaderCpu: number;
}

/**
 * Drives `origin` for `seconds` and measures; throws on any non-2xx answer or error.
 *
 * @example
 * const result = await load({ origin, method: 'GET', next: () => ({ path: '/members/mem_1', headers: {} }), seconds: 3, connections: 50, functionPid });
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const gatewayBefore = await options.gatewayCpu?.();
  const functionBefore = processCpuMicros(options.functionPid);
  const loaderBefore = process.cpuUsage();
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: options.method,
        ...(options.body === undefined ? {} : { body: options.body }),
        setupRequest: (request) => ({ ...request, ...options.next() }),
      },
    ],
  });
  const loader = process.cpuUsage(loaderBefore);
  const functionCpu = processCpuMicros(options.functionPid) - functionBefore;
  const gatewayAfter = await options.gatewayCpu?.();
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    const statuses = JSON.stringify(result.statusCodeStats);
    throw new Error(
      `${options.method} ${options.origin}: ${result.non2xx} non-2xx ${statuses}, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  const total = result.requests.total;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    requests: total,
    functionCpu: functionCpu / total,
    gatewayCpu: gatewayBefore === undefined || gatewayAfter === undefined ? undefined : (gatewayAfter - gatewayBefore) / total,
    loaderCpu: (loader.user + loader.system) / total,
  };
}

/** User + system CPU of a process so far, in µs, from /proc (10 ms ticks: runs are seconds long). */
export function processCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
