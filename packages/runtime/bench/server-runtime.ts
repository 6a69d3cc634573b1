/**
 * The full stack: @retail/runtime's createApp over the controllers, with its default logger
 * (JSON lines buffered to stdout, which the parent points at /dev/null: logging stays on),
 * metrics, request ids and problem+json error mapping.
 *
 * BENCH_LOGGER (diagnostics only, BENCH_DIAG=1 in the parent): `sonic` writes the lines through
 * pino's asynchronous sonic-boom destination (the runtime's destination before 2026-11-28); `no-access-log`
 * raises the level to warn.
 */
import { createApp, createLogger } from '@retail/runtime';
import { pino } from 'pino';
import { MembersController, OrdersController } from './controllers.js';
import { serve } from './serve.js';

const variant = process.env.BENCH_LOGGER;
const logger =
  variant === 'no-access-log'
    ? createLogger({ functionName: 'bench', level: 'warn' })
    : variant === 'sonic'
      ? createLogger({ functionName: 'bench', destination: pino.destination({ dest: 1, sync: false, minLength: 4096 }) })
      : undefined;

const app = createApp({
  name: 'bench',
  controllers: [new MembersController(), new OrdersController()],
  ...(logger ? { logger } : {}),
});

serve(app.listener, () => {
  const counted = [...app.metrics.render().matchAll(/^retail_function_requests_total\{[^}]*\} (\d+)$/gm)];
  return {
    logLevel: app.logger.level,
    accessLogOn: app.logger.isLevelEnabled('info'),
    requestsInMetrics: counted.reduce((sum, match) => sum + Number(match[1]), 0),
    routes: app.routes.map((route) => `${route.method} ${route.path}`),
  };
});
