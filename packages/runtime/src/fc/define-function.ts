import type { App } from '../app.js';
import { processEnv } from '../env.js';
import { fcHttpHandler, parseEvent } from './http-trigger.js';
import { isTimerEvent, runJob, type FcTimerEvent, type Job, type JobOutcome } from './jobs.js';
import type { FcContext, FcHttpEvent, FcHttpResult } from './types.js';

/** What a function's composition root gets to build its app: the environment and FC's keys. */
export interface InitContext {
  env: Readonly<Record<string, string | undefined>>;
  /** STS keys of the function's role, when FC provides them. */
  credentials?: FcContext['credentials'];
}

/** A composition root's product: the HTTP app, and the jobs its timer triggers run. */
export interface FunctionParts {
  readonly app: App;
  readonly jobs?: Readonly<Record<string, Job>>;
}

/** FC's handler: FC passes the event as a Buffer; tests and callers may pass it parsed. */
export interface FunctionHandler {
  (event: FcHttpEvent, context?: FcContext): Promise<FcHttpResult>;
  (event: FcTimerEvent, context?: FcContext): Promise<JobOutcome>;
  (event: Buffer | string, context?: FcContext): Promise<FcHttpResult | JobOutcome>;
}

export interface FunctionEntry {
  /** FC initializer (`instanceLifecycleConfig.initializer`): builds the app, opens storage clients. */
  initialize(context?: FcContext): Promise<void>;
  /** FC handler: an HTTP-trigger event is served by the app, a timer event runs the job it names. */
  handler: FunctionHandler;
  /** The app, built once per instance. */
  app(context?: FcContext): Promise<App>;
  /** The app and its jobs, built once per instance. */
  parts(context?: FcContext): Promise<FunctionParts>;
}

/**
 * One function's entry points from its composition root. The app is built once per instance: by
 * the initializer before the first request, or by the first request if there was none.
 *
 * @example
 * export const { initialize, handler } = defineFunction(({ env }) => createMemberApp(loadEnv(env)));
 * // with scheduled jobs (s.yaml timer trigger payload '{"job":"expire-orders"}'):
 * defineFunction(({ env }) => ({ app, jobs: { 'expire-orders': () => orders.expireDue() } }));
 */
export function defineFunction(create: (init: InitContext) => Promise<App | FunctionParts> | App | FunctionParts): FunctionEntry {
  let built: Promise<FunctionParts> | undefined;
  const parts = (context: FcContext = {}) => {
    built ??= Promise.resolve(create({ env: processEnv(), ...(context.credentials ? { credentials: context.credentials } : {}) }))
      .then((made) => ('app' in made && !('handle' in made) ? made : { app: made as App }))
      .catch((error: unknown) => {
        built = undefined; // FC retries a failed initializer; so do we, on the next call
        throw error;
      });
    return built;
  };
  const app = async (context?: FcContext) => (await parts(context)).app;
  const http = fcHttpHandler(app);
  return {
    initialize: async (context) => {
      await parts(context);
    },
    handler: (async (event: Buffer | string | FcHttpEvent | FcTimerEvent, context: FcContext = {}) => {
      const parsed: unknown = parseEvent(event as FcHttpEvent);
      if (!isTimerEvent(parsed)) return http(parsed as FcHttpEvent, context);
      const built = await parts(context);
      return runJob(built.jobs ?? {}, parsed, built.app.logger, context.requestId);
    }) as FunctionHandler,
    app,
    parts,
  };
}
