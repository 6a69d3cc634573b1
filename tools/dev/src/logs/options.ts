/** `pnpm logs` flags, and the `/_gateway/logs` query they make. */
import { parseArgs } from 'node:util';

/** What `pnpm logs` was asked. */
export interface LogsOptions {
  url: string;
  /** The query string of `/_gateway/logs`, without `cursor`. */
  params: URLSearchParams;
  follow: boolean;
  json: boolean;
  help: boolean;
}

/** CLI flag -> query parameter. */
const FLAGS = {
  function: 'function',
  route: 'route',
  channel: 'channel',
  status: 'status',
  since: 'since',
  until: 'until',
  'min-latency': 'minLatencyMs',
  'request-id': 'requestId',
  q: 'q',
  limit: 'limit',
} as const;

export const USAGE = `Usage: pnpm logs [--function <name>] [--route <prefix>] [--channel <app>] [--status 5xx|4xx|2xx|<code>]
                 [--since 10m|<ISO time>] [--until ...] [--min-latency <ms>] [--request-id <id>] [-q <text>]
                 [--limit <n>] [--follow] [--json] [--url http://127.0.0.1:8080]

Queries the running platform's log store (GET /_gateway/logs, signed as the dev admin channel app):
the functions' JSON lines and the gateway's access lines. Oldest first; --follow keeps printing new
lines; --json prints each line as it is stored.

  pnpm logs --function trading --status 5xx --since 10m
  pnpm logs --request-id 6f1c...
  pnpm logs --channel wechat --min-latency 200 --follow`;

/**
 * @example
 * parseLogsArgs(['--function', 'trading', '--status', '5xx'], { PORT: '8080' }).params.toString()
 * // 'function=trading&status=5xx&limit=100'
 */
export function parseLogsArgs(args: string[], env: Record<string, string | undefined>): LogsOptions {
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      q: { type: 'string', short: 'q' },
      follow: { type: 'boolean', short: 'f', default: false },
      json: { type: 'boolean', default: false },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const params = new URLSearchParams();
  for (const [flag, param] of Object.entries(FLAGS)) {
    const value = (values as Record<string, unknown>)[flag];
    if (typeof value === 'string') params.set(param, value);
  }
  if (!params.has('limit')) params.set('limit', '100');
  return {
    url: (typeof values.url === 'string' ? values.url : `http://127.0.0.1:${env.PORT ?? 8080}`).replace(/\/+$/, ''),
    params,
    follow: values.follow === true,
    json: values.json === true,
    help: values.help === true,
  };
}
