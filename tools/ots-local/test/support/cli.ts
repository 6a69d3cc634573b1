/** Runs the built CLI (`dist/cli.js`) as a child process, for crash and restart tests. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = join(packageDir, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (turbo's `test` builds first anyway). */
export function ensureBuilt(): void {
  const srcDir = join(packageDir, 'src');
  if (existsSync(cliPath) && statSync(cliPath).mtimeMs >= newestMtime(srcDir)) return;
  execFileSync('pnpm', ['run', 'build'], { cwd: packageDir, stdio: 'pipe' });
  if (!existsSync(cliPath)) throw new Error(`build finished but ${cliPath} is missing`);
}

export interface CliServer {
  proc: ChildProcess;
  endpoint: string;
  instanceName: string;
  /** Every stderr line so far (JSON log lines). */
  stderr: string[];
  /** Every stdout line so far (the contract: just the listening line). */
  stdout: string[];
  /** Resolves with the exit code/signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const CLI_KEYS = { accessKeyId: 'cli-test-ak', accessKeySecret: 'cli-test-secret' };

/** Starts `node dist/cli.js --port 0 <args>` and waits for its `listening` line on stdout. */
export function startCli(args: string[], timeoutMs = 20_000): Promise<CliServer> {
  const proc = spawn(process.execPath, [cliPath, '--port', '0', ...args], {
    cwd: packageDir,
    env: {
      ...process.env,
      OTS_ACCESS_KEY_ID: CLI_KEYS.accessKeyId,
      OTS_ACCESS_KEY_SECRET: CLI_KEYS.accessKeySecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: proc.stderr! }).on('line', (l) => stderr.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.once('exit', (code, signal) => res({ code, signal })),
  );

  return new Promise((resolveStart, rejectStart) => {
    const stdoutLines: string[] = [];
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      rejectStart(
        new Error(
          `CLI did not print a listening line within ${timeoutMs} ms\nstdout: ${stdoutLines.join('\n')}\nstderr: ${stderr.join('\n')}`,
        ),
      );
    }, timeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      rejectStart(new Error(`CLI exited (code ${code}, signal ${signal}) before listening\nstderr: ${stderr.join('\n')}`));
    });
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      stdoutLines.push(line);
      let msg: { event?: unknown; endpoint?: unknown; instanceName?: unknown };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.event === 'listening' && typeof msg.endpoint === 'string' && typeof msg.instanceName === 'string') {
        clearTimeout(timer);
        resolveStart({ proc, endpoint: msg.endpoint, instanceName: msg.instanceName, stderr, stdout: stdoutLines, exited });
      }
    });
  });
}

/** SIGKILL and wait for the exit. */
export async function kill9(server: CliServer): Promise<void> {
  server.proc.kill('SIGKILL');
  await server.exited;
}

/** Lists files under `dir` (recursively) whose name ends in `.log`. */
export function logFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...logFiles(p));
    else if (entry.name.endsWith('.log')) out.push(p);
  }
  return out;
}

/** The most recently modified `.log` file (ties broken by name). */
export function newestLogFile(dir: string): string | undefined {
  return logFiles(dir)
    .map((p) => ({ p, m: statSync(p).mtimeMs }))
    .sort((a, b) => a.m - b.m || (a.p < b.p ? -1 : 1))
    .at(-1)?.p;
}
