#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startOtsLocal, type FaultConfig } from './index.js';
import { stderrLogger } from './log.js';

const USAGE = `Usage: ots-local [--port <port>] [--host <host>] (--data <dir> | --memory)
                 [--faults <rules.json>] [--admin]

Serves the Tablestore wire protocol for the official SDK. Keys: OTS_ACCESS_KEY_ID and
OTS_ACCESS_KEY_SECRET (default dev-access-key-id / dev-access-key-secret); instance:
OTS_INSTANCE (default retail-dev). Logs JSON lines to stderr; prints one line to stdout
when listening: {"event":"listening","endpoint":...}.

Faults (README, "Faults"): --faults <file> or OTS_FAULTS='<json>' sets rules from the start;
--admin or OTS_ADMIN=1 serves GET/PUT/POST/DELETE /_admin/faults to loopback callers.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8900' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      memory: { type: 'boolean', default: false },
      faults: { type: 'string' },
      admin: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got '${values.port}'.`);
  if (!values.memory && !values.data) throw new Error('Give --data <dir> (durable) or --memory.');
  const faults = faultsFrom(values.faults, process.env.OTS_FAULTS);
  const ots = await startOtsLocal({
    port,
    host: values.host,
    memory: values.memory,
    ...(values.data ? { dataDir: values.data } : {}),
    ...(faults ? { faults } : {}),
    admin: values.admin || process.env.OTS_ADMIN === '1',
  });
  process.stdout.write(`${JSON.stringify({ event: 'listening', endpoint: ots.endpoint, instanceName: ots.instanceName })}\n`);
  const shutdown = () => void ots.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** The start-up rules: a file, or JSON in the environment; startOtsLocal validates them. */
function faultsFrom(file: string | undefined, env: string | undefined): FaultConfig | undefined {
  if (file && env) throw new Error('Give --faults <file> or OTS_FAULTS, not both.');
  const [text, where] = file ? [readFileSync(file, 'utf8'), file] : [env, 'OTS_FAULTS'];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as FaultConfig;
  } catch (error) {
    throw new Error(`${where} is not JSON: ${(error as Error).message}`);
  }
}

main().catch((error: unknown) => {
  stderrLogger({ level: 'fatal', event: 'start-failed', error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
