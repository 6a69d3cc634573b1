#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readChannelsFile } from './channels.js';
import { parseUpstreams, readEnv } from './env.js';
import { GatewayConfigError } from './errors.js';
import { startGateway } from './gateway.js';
import { stderrLogger } from './log.js';

const USAGE = `Usage: gateway [--port <port>] [--host <host>] [--upstream <function>=<url>]... [--channels <file>]

The local API gateway: verifies Alibaba Cloud API Gateway signatures of channel apps, applies
per-channel flow control and admin rules, and proxies by path prefix to each function's server.

  --port       default PORT or 8080 (0 picks a free port)
  --host       default GATEWAY_HOST or 127.0.0.1
  --upstream   a function's base URL, e.g. member=http://127.0.0.1:9001 (repeat, or comma-separate);
               default GATEWAY_UPSTREAMS
  --channels   a channel apps JSON file; default GATEWAY_CHANNELS_JSON, else GATEWAY_CHANNELS_FILE,
               else channels.dev.json (refused when NODE_ENV=production)

Logs JSON lines to stderr; prints one line to stdout when listening: {"event":"listening","url":...}.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      upstream: { type: 'string', multiple: true, default: [] },
      channels: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = readEnv();
  const port = values.port === undefined ? env.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new GatewayConfigError(`--port must be 0..65535, got '${values.port}'.`);
  const upstreams = { ...env.upstreams, ...parseUpstreams(values.upstream.join(','), '--upstream') };
  // Without --channels, startGateway reads GATEWAY_CHANNELS_JSON / GATEWAY_CHANNELS_FILE / channels.dev.json.
  const channels = values.channels === undefined ? undefined : readChannelsFile(values.channels);
  const gateway = await startGateway({
    port,
    host: values.host ?? env.host,
    ...(channels ? { channels } : {}),
    upstreams,
    upstreamTimeoutMs: env.upstreamTimeoutMs,
    production: env.production,
  });
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: gateway.url })}\n`);
  const shutdown = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  stderrLogger({ level: 'fatal', event: 'start-failed', error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
