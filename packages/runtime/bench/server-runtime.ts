/**
 * The full stack: @retail/runtime's createApp over the controllers, with its default logger
 * (buffered pino JSON lines on stdout, which the parent points at /dev/null: logging stays on),
 * metrics, request ids and problem+json error mapping.
 */
import { createApp } from '@retail/runtime';
import { MembersController, OrdersController } from './controllers.js';
import { serve } from './serve.js';

const app = createApp({ name: 'bench', controllers: [new MembersController(), new OrdersController()] });

serve(app.listener, () => {
  const counted = [...app.metrics.render().matchAll(/^retail_function_requests_total\{[^}]*\} (\d+)$/gm)];
  return {
    logLevel: app.logger.level,
    accessLogOn: app.logger.isLevelEnabled('info'),
    requestsInMetrics: counted.reduce((sum, match) => sum + Number(match[1]), 0),
    routes: app.routes.map((route) => `${route.method} ${route.path}`),
  };
});
