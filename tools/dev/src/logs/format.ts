/** One log line as `pnpm logs` prints it for a person. */

/**
 * `time level source function method route status latency channel requestId msg`, then an error's
 * stack, indented.
 *
 * @example
 * formatLine({ time: 1794268800000, level: 'info', source: 'function', function: 'member', method: 'GET', route: '/members/:id', status: 200, latencyMs: 1.2, channel: 'pos', requestId: 'r1', msg: 'request' })
 * // '2026-11-11T00:00:00.000Z info  function member GET /members/:id 200 1.2ms pos r1 request'
 */
export function formatLine(line: Record<string, unknown>): string {
  const time = typeof line.time === 'number' ? new Date(line.time).toISOString() : String(line.time ?? '');
  const fields = [
    time,
    String(line.level ?? '').padEnd(5),
    String(line.source ?? '').padEnd(8),
    line.function,
    line.method,
    line.route,
    line.status,
    typeof line.latencyMs === 'number' ? `${line.latencyMs}ms` : undefined,
    line.channel,
    line.requestId,
    line.msg ?? line.event,
    typeof line.err === 'object' && line.err !== null ? undefined : line.error,
  ].filter((value) => value !== undefined && value !== '');
  const err = line.err as { stack?: unknown; message?: unknown } | undefined;
  const stack = typeof err?.stack === 'string' ? err.stack : typeof err?.message === 'string' ? err.message : undefined;
  const text = fields.map(String).join(' ');
  return stack === undefined ? text : `${text}\n${stack.replace(/^/gm, '    ')}`;
}
