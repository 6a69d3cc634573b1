/**
 * The gateway under measurement, in a process of its own (so that its CPU is its own and the load
 * generator does not share its event loop): the built gateway with a FunctionPool over the member
 * bundle, configured from its s.yaml. As in `pnpm dev`, the gateway's request lines and the
 * instances' own output go out as JSON lines (stderr, which the benchmark sends to /dev/null).
 * Driven by the benchmark over IPC; see {@link Request}.
 */
import { join } from 'node:path';
import { devChannels, poolFromSYaml, startGateway, type FunctionPool, type Gateway } from '@retail/gateway';

/** What the benchmark asks; every answer carries the request's `id`. */
export type Request =
  | { id: number; type: 'start'; env: Record<string, string>; provisioned: number } // -> { url, pid }
  | { id: number; type: 'cpu' } // -> { micros }: this process's user + system CPU so far
  | { id: number; type: 'stop'; url: string }; // stops that gateway and its pool

export interface Answer {
  id: number;
  url?: string;
  pid?: number;
  micros?: number;
  error?: string;
}

const memberApp = join(import.meta.dirname, '..', '..', '..', 'apps', 'member');
const log = (line: Record<string, unknown>) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};
// The dev channel apps, with room for any load: this measures the gateway's cost, not its throttling.
const channels = Object.fromEntries(
  Object.entries(devChannels()).map(([name, app]) => [name, { ...app, rps: 1_000_000, burst: 1_000_000 }]),
);
const running = new Map<string, { gateway: Gateway; pool: FunctionPool }>();

async function handle(request: Request): Promise<Omit<Answer, 'id'>> {
  switch (request.type) {
    case 'start': {
      // One instance at most, as the direct baseline has: the comparison is the same process behind the gateway.
      const pool = await poolFromSYaml(memberApp, request.env, {
        provisioned: request.provisioned,
        maxInstances: 1,
        log,
      });
      await pool.start();
      const gateway = await startGateway({ port: 0, channels, upstreams: { member: pool }, metrics: pool.metrics });
      running.set(gateway.url, { gateway, pool });
      return { url: gateway.url, pid: pool.instances()[0]?.pid };
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return { micros: user + system };
    }
    case 'stop': {
      const entry = running.get(request.url);
      running.delete(request.url);
      await entry?.gateway.stop();
      await entry?.pool.close();
      return {};
    }
  }
}

process.on('message', (request: Request) => {
  handle(request).then(
    (answer) => process.send?.({ id: request.id, ...answer } satisfies Answer),
    (error: unknown) => process.send?.({ id: request.id, error: (error as Error).message } satisfies Answer),
  );
});
process.on('disconnect', () => {
  void Promise.all([...running.values()].map(({ pool }) => pool.close())).finally(() => process.exit(0));
});
