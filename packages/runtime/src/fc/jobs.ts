import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger.js';

/** What a scheduled job gets: its request id and a logger whose lines carry it. */
export interface JobContext {
  readonly requestId: string;
  readonly logger: Logger;
  /** The time FC says the trigger fired (ISO-8601), or now. */
  readonly triggerTime: string;
}

/** A scheduled job of a function (an FC timer trigger's payload names it). Its result is logged. */
export type Job = (ctx: JobContext) => Promise<unknown>;

/** FC 3.0's timer-trigger event: `{ triggerTime, triggerName, payload }`, the payload as the s.yaml gives it. */
export interface FcTimerEvent {
  readonly triggerTime: string;
  readonly triggerName: string;
  readonly payload?: string;
}

export interface JobOutcome {
  readonly job: string;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

/** Whether an (already parsed) invocation event is a timer trigger's rather than HTTP's. */
export function isTimerEvent(event: unknown): event is FcTimerEvent {
  return typeof event === 'object' && event !== null && 'triggerName' in event && !('requestContext' in event);
}

/**
 * Runs the job a timer event's payload names (`{"job":"expire-orders"}`), with one log line for
 * its outcome. An unknown job or a failed one is `ok: false` (FC then records the invocation as
 * failed); the error's stack goes to the log, not to the caller.
 *
 * @example
 * const outcome = await runJob(jobs, { triggerName: 'expiry', triggerTime: t, payload: '{"job":"expire-orders"}' }, logger);
 */
export async function runJob(
  jobs: Readonly<Record<string, Job>>,
  event: FcTimerEvent,
  logger: Logger,
  requestId: string = randomUUID(),
): Promise<JobOutcome> {
  const job = jobName(event);
  const log = logger.child({ requestId, job, trigger: event.triggerName });
  const run = Object.hasOwn(jobs, job) ? jobs[job] : undefined;
  if (!run) {
    log.error({ known: Object.keys(jobs) }, 'timer event for an unknown job');
    return { job, ok: false, error: `unknown job '${job}'` };
  }
  const started = performance.now();
  try {
    const result = await run({ requestId, logger: log, triggerTime: event.triggerTime || new Date().toISOString() });
    log.info({ result, ms: Math.round(performance.now() - started) }, 'job done');
    return { job, ok: true, result };
  } catch (error) {
    log.error({ err: error, ms: Math.round(performance.now() - started) }, 'job failed');
    return { job, ok: false, error: 'the job failed; see the log line with this request id' };
  }
}

/** The job named by the payload's `job`, or the trigger's own name when the payload names none. */
function jobName(event: FcTimerEvent): string {
  if (event.payload) {
    try {
      const parsed: unknown = JSON.parse(event.payload);
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { job?: unknown }).job === 'string') {
        return (parsed as { job: string }).job;
      }
    } catch {
      // a plain-text payload: fall back to the trigger name
    }
  }
  return event.triggerName;
}
