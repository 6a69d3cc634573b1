import type { App } from '../app.js';
import { processEnv } from '../env.js';
import { fcHttpHandler } from './http-trigger.js';
import type { FcContext } from './types.js';

/** What a function's composition root gets to build its app: the environment and FC's keys. */
export interface InitContext {
  env: Readonly<Record<string, string | undefined>>;
  /** STS keys of the function's role, when FC provides them. */
  credentials?: FcContext['credentials'];
}

export interface FunctionEntry {
  /** FC initializer (`instanceLifecycleConfig.initializer`): builds the app, opens storage clients. */
  initialize(context?: FcContext): Promise<void>;
  /** FC HTTP-trigger handler. */
  handler: ReturnType<typeof fcHttpHandler>;
  /** The app, built once per instance. */
  app(context?: FcContext): Promise<App>;
}

/**
 * One function's entry points from its composition root. The app is built once per instance: by
 * the initializer before the first request, or by the first request if there was none.
 *
 * @example
 * export const { initialize, handler } = defineFunction(({ env }) => createMemberApp(loadEnv(env)));
 */
export function defineFunction(create: (init: InitContext) => Promise<App> | App): FunctionEntry {
  let built: Promise<App> | undefined;
  const app = (context: FcContext = {}) => {
    built ??= Promise.resolve(
      create({ env: processEnv(), ...(context.credentials ? { credentials: context.credentials } : {}) }),
    ).catch((error: unknown) => {
      built = undefined; // FC retries a failed initializer; so do we, on the next call
      throw error;
    });
    return built;
  };
  return {
    initialize: async (context) => {
      await app(context);
    },
    handler: fcHttpHandler(app),
    app,
  };
}
