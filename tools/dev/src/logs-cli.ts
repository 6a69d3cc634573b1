#!/usr/bin/env node
/** `pnpm logs`: the running platform's log store, from a terminal. */
import { fetchLogs, followLogs, LogsQueryError } from './logs/client.js';
import { formatLine } from './logs/format.js';
import { parseLogsArgs, USAGE } from './logs/options.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseLogsArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const print = (line: Record<string, unknown>) =>
    process.stdout.write(`${options.json ? JSON.stringify(line) : formatLine(line)}\n`);
  if (options.follow) {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.once('SIGTERM', () => stop.abort());
    await followLogs(options.url, options.params, print, stop.signal);
    return;
  }
  const page = await fetchLogs(options.url, options.params);
  for (const line of page.items.reverse()) print(line);
}

main().catch((error: unknown) => {
  const refused = error instanceof TypeError && /fetch failed/.test(error.message);
  const message = refused
    ? 'no platform answers there: start it with pnpm dev (or pass --url)'
    : error instanceof LogsQueryError
      ? `the platform refused the query: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`pnpm logs: ${message}\n`);
  process.exitCode = 1;
});
