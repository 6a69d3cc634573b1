import type { Upstream } from '@retail/gateway';
import { CronExpressionParser } from 'cron-parser';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** A timer trigger of a function's s.yaml (`triggerType: timer`). */
export interface TimerTrigger {
  readonly name: string;
  /** `@every 1m` (s, m, h) or FC's 6-field cron (seconds first), in UTC. */
  readonly cronExpression: string;
  readonly payload: string;
}

/**
 * The enabled timer triggers of every fc3 resource in an s.yaml.
 *
 * @example
 * await timerTriggers('apps/trading/s.yaml'); // [{ name: 'expiry', cronExpression: '@every 1m', payload: '{"job":"expire-orders"}' }]
 */
export async function timerTriggers(sYamlPath: string): Promise<TimerTrigger[]> {
  const doc = parse(await readFile(sYamlPath, 'utf8')) as { resources?: Record<string, { props?: { triggers?: unknown[] } }> };
  const triggers = Object.values(doc.resources ?? {}).flatMap((r) => r.props?.triggers ?? []);
  return triggers.flatMap((t) => {
    const trigger = t as { triggerName?: string; triggerType?: string; triggerConfig?: Record<string, unknown> };
    const config = trigger.triggerConfig ?? {};
    if (trigger.triggerType !== 'timer' || config.enable === false) return [];
    return [
      { name: String(trigger.triggerName), cronExpression: String(config.cronExpression), payload: String(config.payload ?? '') },
    ];
  });
}

/** Milliseconds from `now` to the trigger's next firing. */
export function nextFiringIn(cronExpression: string, now: Date): number {
  const every = /^@every\s+(\d+)([smh])$/.exec(cronExpression.trim());
  if (every) return Number(every[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[every[2] as 's' | 'm' | 'h'];
  const next = CronExpressionParser.parse(cronExpression, { currentDate: now, tz: 'UTC' }).next().toDate();
  return Math.max(0, next.getTime() - now.getTime());
}

/**
 * Fires a timer trigger the way FC does for a custom runtime: `POST /invoke` with the timer
 * event, through the function's instances (so it takes a slot like any invocation).
 */
export async function fireTimer(
  upstream: Upstream,
  trigger: TimerTrigger,
  now = new Date(),
): Promise<{ status: number; body: unknown }> {
  const requestId = randomUUID();
  const event = { triggerTime: now.toISOString(), triggerName: trigger.name, payload: trigger.payload };
  const response = await upstream.forward({
    method: 'POST',
    path: '/invoke',
    headers: { 'content-type': 'application/octet-stream', 'x-fc-request-id': requestId },
    body: Buffer.from(JSON.stringify(event)),
    requestId,
    signal: AbortSignal.timeout(60_000),
  });
  const text = response.body.toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the log
  }
  return { status: response.status, body };
}

/**
 * Runs every timer trigger of a function on its schedule until stopped; each firing is logged.
 *
 * @example
 * const stop = scheduleTimers('trading', upstream, await timerTriggers(sYaml), log);
 */
export function scheduleTimers(
  fn: string,
  upstream: Upstream,
  triggers: readonly TimerTrigger[],
  log: (line: Record<string, unknown>) => void,
): () => void {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const arm = (trigger: TimerTrigger) => {
    if (stopped) return;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        void fireTimer(upstream, trigger).then(
          (outcome) =>
            log({
              level: outcome.status < 300 ? 'info' : 'error',
              function: fn,
              trigger: trigger.name,
              ...outcome,
              msg: 'timer fired',
            }),
          (error: unknown) =>
            log({ level: 'error', function: fn, trigger: trigger.name, err: String(error), msg: 'timer failed' }),
        );
        arm(trigger);
      },
      nextFiringIn(trigger.cronExpression, new Date()),
    );
    timer.unref();
    timers.add(timer);
  };
  triggers.forEach(arm);
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
  };
}
