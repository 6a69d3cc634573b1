/** The gateway's access path as the observability stores see it. */

/** One request as the gateway answered it. */
export interface AccessRecord {
  function: string;
  route: string;
  channel: string;
  status: number;
  latencyMs: number;
  /** The gateway answered itself (a refusal: signature, throttle, not found...), the function never saw it. */
  refused: boolean;
}

const QUIET_ROUTES = new Set([
  '/_gateway/health',
  '/_gateway/metrics',
  '/_gateway/openapi.json',
  '/_gateway/logs',
  '/_gateway/series',
  '/_gateway/alarms',
  '/_gateway/dashboard',
]);

/**
 * Whether a gateway log line is the access line of a successful read of the gateway's own
 * endpoints: a dashboard polls them every second, and the log store is for the platform's traffic.
 *
 * @example
 * isQuietRead({ event: 'request', function: 'gateway', route: '/_gateway/series', status: 200 }) // true
 */
export function isQuietRead(line: Record<string, unknown>): boolean {
  return (
    line.event === 'request' &&
    line.function === 'gateway' &&
    typeof line.route === 'string' &&
    QUIET_ROUTES.has(line.route) &&
    typeof line.status === 'number' &&
    line.status < 400
  );
}
