import { devChannels } from '@retail/gateway';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDev, type DevPlatform } from './dev.js';
import { REPO_ROOT } from './paths.js';

const { values } = parseArgs({ options: { watch: { type: 'boolean', default: false } } });
const dataRoot = join(REPO_ROOT, '.data');
const pidFile = join(dataRoot, 'dev.pid');
const logFile = join(dataRoot, 'logs', 'platform.log');
mkdirSync(join(dataRoot, 'logs'), { recursive: true });

function alreadyRunning(): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Platform events go to the log file (requests and the functions' own lines are in the gateway's
 * bounded log store: `pnpm logs`); the terminal sees only what needs a look.
 */
function log(line: Record<string, unknown>): void {
  if (line.event !== 'request') appendFileSync(logFile, `${JSON.stringify(line)}\n`);
  const level = line.level;
  const serious =
    level === 'error' ||
    level === 'fatal' ||
    level === 50 ||
    level === 60 ||
    (typeof line.status === 'number' && line.status >= 500);
  if (serious) process.stderr.write(`${JSON.stringify(line)}\n`);
}

const running = alreadyRunning();
if (running !== undefined) {
  process.stderr.write(
    `pnpm dev is already running (pid ${running}); stop it with Ctrl-C in its terminal, or: kill ${running}\n`,
  );
  process.exit(1);
}

let platform: DevPlatform | undefined;
let watcher: ChildProcess | undefined;
try {
  platform = await startDev({
    dataDir: join(dataRoot, 'ots'),
    logDir: join(dataRoot, 'logs'),
    maxLogBytes: 64 * 1024 * 1024,
    port: Number(process.env.PORT ?? 8080),
    log,
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const hint = message.includes('EADDRINUSE')
    ? ' (a port is taken: is another pnpm dev or server running? PORT=... picks another gateway port)'
    : '';
  process.stderr.write(`pnpm dev could not start: ${message}${hint}\n`);
  process.exit(1);
}
writeFileSync(pidFile, String(process.pid));

const channels = devChannels();
const demo = platform.demo;
const rows = Object.entries(channels).map(([name, app]) => `  ${name.padEnd(7)} ${app.appKey}  ${app.appSecret}`);
process.stdout.write(
  [
    '',
    `retail platform running: ${platform.url}`,
    `  functions: ${platform.functions.map((fn) => fn.name).join(', ') || 'none built'} (instances as in their s.yaml; see ${platform.url}/_gateway/metrics)`,
    `  ots-local: ${platform.otsEndpoint} (data in .data/ots${platform.seeded ? ', demo data seeded' : ''})`,
    `  logs:      pnpm logs --since 10m  (every function's and the gateway's lines, kept in .data/logs/, at most 64 MiB;`,
    `             --function trading --status 5xx, --request-id <id>, --follow); platform events in .data/logs/platform.log`,
    `  observe:   ${platform.url}/_gateway/dashboard  (data: /_gateway/series?metric=requests&by=function, /_gateway/alarms;`,
    `             alarm rules in tools/gateway/alarms.dev.json)`,
    `  timers:    the s.yaml timer triggers run on schedule (trading's order expiry every minute)`,
    '',
    'dev channel apps (channel, AppKey, AppSecret; dev only, refused in production):',
    ...rows,
    '',
    'try (signed calls through the gateway):',
    `  pnpm retail GET '/members?phone=13800000001'`,
    `  pnpm retail GET '/stores?near=31.2304,121.4737&radiusKm=5'`,
    ...(demo.storeId ? [`  pnpm retail GET /stores/${demo.storeId}/inventory`] : []),
    ...(demo.memberId && demo.storeId
      ? [
          `  pnpm retail POST /orders '{"memberId":"${demo.memberId}","storeId":"${demo.storeId}","items":[{"sku":"milk-1l","quantity":2}]}'`,
        ]
      : []),
    ...(demo.campaignId && demo.memberId
      ? [`  pnpm retail POST /coupon-campaigns/${demo.campaignId}/claims '{"memberId":"${demo.memberId}"}'`]
      : []),
    ...(demo.flashSaleId ? [`  pnpm retail GET /flash-sales/${demo.flashSaleId}    (starts an hour after seeding)`] : []),
    `  pnpm retail --channel pos POST /members '{"phone":"13900000009","name":"New Member"}'`,
    `  pnpm retail --channel admin GET /_gateway/channels`,
    `  curl ${platform.url}/_gateway/health`,
    '',
    values.watch
      ? 'watching: a function whose code changes is rebuilt and restarted'
      : 'pnpm dev --watch rebuilds and restarts a function whose code changes',
    'Ctrl-C stops everything; data stays in .data/',
    '',
  ].join('\n'),
);

if (values.watch) {
  watcher = spawn('pnpm', ['exec', 'turbo', 'watch', 'build', '--filter=./apps/*', '--output-logs=errors-only'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  for (const fn of platform.functions) {
    let timer: NodeJS.Timeout | undefined;
    watch(join(REPO_ROOT, 'apps', fn.name, 'dist'), () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void fn.restart().then(
          () => process.stdout.write(`restarted ${fn.name} with its new build\n`),
          (error: unknown) => process.stderr.write(`${fn.name} did not restart: ${String(error)}\n`),
        );
      }, 300);
    });
  }
}

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('stopping...\n');
  watcher?.kill('SIGTERM');
  await platform?.stop();
  rmSync(pidFile, { force: true });
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
