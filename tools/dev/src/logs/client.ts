/** Reading `/_gateway/logs` of a running platform, signed as the dev admin channel app. */
import { devChannels } from '@retail/gateway';
import { signedFetch } from '../signed-fetch.js';

/** A page of `/_gateway/logs`. */
export interface LogsPage {
  items: Array<Record<string, unknown>>;
  nextCursor: string | null;
}

/** The platform answered with a problem (a bad flag value, admin only...). */
export class LogsQueryError extends Error {
  override readonly name = 'LogsQueryError';
}

/**
 * One page of lines, newest first.
 *
 * @example
 * const page = await fetchLogs('http://127.0.0.1:8080', new URLSearchParams('function=trading&status=5xx'));
 */
export async function fetchLogs(baseUrl: string, params: URLSearchParams): Promise<LogsPage> {
  const admin = devChannels().admin;
  if (!admin) throw new LogsQueryError('channels.dev.json has no admin channel app');
  const response = await signedFetch(baseUrl, admin, 'GET', `/_gateway/logs?${params}`);
  if (response.status !== 200) {
    const problem = response.body as { detail?: string; errors?: Array<{ field: string; messages: string[] }> } | undefined;
    const fields = problem?.errors?.map((error) => `${error.field}: ${error.messages.join(', ')}`).join('; ');
    throw new LogsQueryError(`${response.status} ${fields ?? problem?.detail ?? JSON.stringify(response.body)}`);
  }
  return response.body as LogsPage;
}

/**
 * Calls `print` with each new line, oldest first, about once a second until `signal` aborts. Lines
 * of a function can arrive a second after the gateway's, so each poll looks back a few seconds
 * and skips the lines it has printed.
 */
export async function followLogs(
  baseUrl: string,
  params: URLSearchParams,
  print: (line: Record<string, unknown>) => void,
  signal: AbortSignal,
): Promise<void> {
  const seen = new Map<string, number>();
  let since = Date.now() - 5000;
  while (!signal.aborted) {
    const query = new URLSearchParams(params);
    query.set('since', new Date(since).toISOString());
    query.set('limit', '1000');
    const { items } = await fetchLogs(baseUrl, query);
    for (const line of items.reverse()) {
      const key = JSON.stringify(line);
      if (seen.has(key)) continue;
      const time = typeof line.time === 'number' ? line.time : Date.now();
      seen.set(key, time);
      print(line);
    }
    const newest = Math.max(since, ...seen.values());
    since = newest - 5000;
    for (const [key, time] of seen) if (time < since) seen.delete(key);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
