import { parseArgs } from 'node:util';
import type { CliEnv } from '../env.js';
import { createTransport } from '../transport.js';
import { loadChannels, type LoadedChannels } from './channels.js';

/** Where the CLI writes, and what it reads of the environment. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: CliEnv;
  fetch?: typeof fetch;
}

/**
 * The `retail` command: one signed call, printed as status, request id and body. Returns the exit
 * code: 0 below 400, 1 for a refusal or a failed call, 2 for a usage error.
 *
 * @example
 * process.exitCode = await runCli(['--channels', 'channels.json', 'GET', '/members?phone=13800000001'], io);
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      channel: { type: 'string' },
      channels: { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const loaded = loadChannels({
    file: values.channels ?? io.env.channelsFile,
    json: io.env.channelsJson,
    appKey: io.env.appKey,
    appSecret: io.env.appSecret,
  });
  const [method, path, body] = positionals;
  if (values.help || !method || !path) {
    io.stdout(`${usage(io.env, loaded)}\n`);
    return values.help ? 0 : 2;
  }
  if (!loaded) {
    io.stderr(
      'No channel keys: pass --channels <file>, or set RETAIL_CHANNELS_FILE, RETAIL_CHANNELS_JSON or RETAIL_APP_KEY and RETAIL_APP_SECRET.\n',
    );
    return 2;
  }
  const names = Object.keys(loaded.channels);
  const channel = values.channel ?? io.env.channel ?? (names.includes('wechat') ? 'wechat' : names[0]!);
  const keys = loaded.channels[channel];
  if (!keys) {
    io.stderr(`Unknown channel '${channel}'. Channels: ${names.join(', ')}\n`);
    return 2;
  }
  const base = values.url ?? io.env.url ?? `http://127.0.0.1:${io.env.port ?? 8080}`;
  try {
    const transport = createTransport({ baseUrl: base, ...keys, ...(io.fetch ? { fetch: io.fetch } : {}) });
    const response = await transport.send(method.toUpperCase(), path, body === undefined ? {} : { body: JSON.parse(body) });
    io.stdout(`${response.status} (request id ${response.headers.get('x-ca-request-id')})\n`);
    io.stdout(`${typeof response.body === 'string' ? response.body : JSON.stringify(response.body, null, 2)}\n`);
    return response.status < 400 ? 0 : 1;
  } catch (error) {
    io.stderr(`The call failed: ${error instanceof Error ? error.message : String(error)} (is pnpm dev running at ${base}?)\n`);
    return 1;
  }
}

function usage(env: CliEnv, loaded: LoadedChannels | undefined): string {
  const program = env.script === 'retail' ? 'pnpm retail' : 'retail';
  const names = loaded ? Object.keys(loaded.channels).join('|') : 'channel';
  const keys = !loaded
    ? 'keys (--channels <file>, RETAIL_CHANNELS_FILE, RETAIL_CHANNELS_JSON or RETAIL_APP_KEY/RETAIL_APP_SECRET)'
    : `${loaded.source.includes('.dev.') ? 'dev keys' : 'keys'} (${loaded.source})`;
  return `Usage: ${program} [--channel <${names}>] [--url <gateway>] <METHOD> <path> [json body]

Signs the request with the channel's ${keys} and prints the status, the
request id and the body. Default channel wechat, default gateway http://127.0.0.1:8080 (or PORT).`;
}
