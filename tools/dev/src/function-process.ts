import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { FunctionApp } from './paths.js';

export interface RunningFunction {
  name: string;
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One function as a custom-runtime process (`node dist/index.js --serve`) on a fixed port; its
 * JSON log lines go to `log`. A process that dies is started again.
 */
export async function startFunction(
  app: FunctionApp,
  port: number,
  env: NodeJS.ProcessEnv,
  log: (line: Record<string, unknown>) => void,
): Promise<RunningFunction> {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let stopping = false;
  const launch = async () => {
    child = spawn(process.execPath, [app.bundle, '--serve'], {
      env: { ...env, FC_SERVER_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => log(parseLine(line, app.name)));
    }
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log({ level: 'warn', event: 'function-exited', function: app.name, code, signal });
      setTimeout(() => void launch().catch(() => undefined), 500).unref();
    });
    await waitUntilListening(url, child);
  };
  await launch();
  const stop = async () => {
    stopping = true;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    name: app.name,
    url,
    stop,
    restart: async () => {
      await stop();
      stopping = false;
      await launch();
    },
  };
}

function parseLine(line: string, name: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { level: 'info', function: name, msg: line };
  }
}

async function waitUntilListening(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the function at ${url} exited with ${child.exitCode} while starting`);
    const up = await fetch(`${url}/_runtime/metrics`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the function at ${url} did not start listening within 15 s`);
}
