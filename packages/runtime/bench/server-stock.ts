/**
 * For context: stock typescript-rest on Express serving the same controllers, set up as the
 * architecture notes say (buildServices, ignoreNextMiddlewares, a JSON error handler). The body
 * DTO is validated by a typescript-rest parameter converter calling the same class-validator
 * code (`toDto`). No access log, no metrics: this path is slower without them.
 */
import { ValidationError } from '@retail/core';
import { problem, problemFor, toDto } from '@retail/runtime';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Server } from 'typescript-rest';
import { CreateOrderBody, MembersController, OrdersController } from './controllers.js';
import { serve } from './serve.js';

const app = express();
Server.ignoreNextMiddlewares(true);
Server.addParameterConverter((value: unknown) => {
  const result = toDto(CreateOrderBody, value);
  if ('problems' in result) throw new ValidationError(result.problems);
  return result.value;
}, CreateOrderBody);
Server.buildServices(app, MembersController, OrdersController);
app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
  const body = problemFor(error) ?? problem(500, 'internal-error', 'An unexpected error occurred.');
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
});

serve(app);
