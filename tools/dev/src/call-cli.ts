import { devChannels } from '@retail/gateway';
import { parseArgs } from 'node:util';
import { signedFetch } from './signed-fetch.js';

const USAGE = `Usage: pnpm retail [--channel <wechat|alipay|app|pos|web|admin>] [--url <gateway>] <METHOD> <path> [json body]

Signs the request with the channel's dev keys (channels.dev.json) and prints the status, the
request id and the body. Default channel wechat, default gateway http://127.0.0.1:8080 (or PORT).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { channel: { type: 'string', default: 'wechat' }, url: { type: 'string' }, help: { type: 'boolean', default: false } },
});
const [method, path, body] = positionals;
if (values.help || !method || !path) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const app = devChannels()[values.channel];
if (!app) {
  process.stderr.write(`Unknown channel '${values.channel}'. Channels: ${Object.keys(devChannels()).join(', ')}\n`);
  process.exit(2);
}
const base = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`;
try {
  const response = await signedFetch(base, app, method.toUpperCase(), path, body === undefined ? undefined : JSON.parse(body));
  process.stdout.write(`${response.status} (request id ${response.headers.get('x-ca-request-id')})\n`);
  process.stdout.write(`${typeof response.body === 'string' ? response.body : JSON.stringify(response.body, null, 2)}\n`);
  process.exitCode = response.status < 400 ? 0 : 1;
} catch (error) {
  process.stderr.write(
    `The call failed: ${error instanceof Error ? error.message : String(error)} (is pnpm dev running at ${base}?)\n`,
  );
  process.exitCode = 1;
}
