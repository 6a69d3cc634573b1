export { createApp, BODY_LIMIT_BYTES, type App, type AppOptions } from './app.js';
export { RequestContext } from './rest/context.js';
export { QueryDto } from './rest/query-dto.js';
export { problem, problemFor, type Problem } from './http/problem.js';
export { HttpProblem } from './http/http-problem.js';
export type { RuntimeRequest, RuntimeResponse } from './http/types.js';
export { Idempotent } from './idempotency/idempotent.js';
export { runIdempotent, type IdempotencyOptions } from './idempotency/run-idempotent.js';
export { TablestoreIdempotencyStore, idempotencyTable } from './idempotency/tablestore-store.js';
export type { IdempotencyStore, BeginResult, StoredResponse, IdempotentAttempt } from './idempotency/types.js';
export { toDto, isDto } from './validation/validate.js';
export { createLogger, type Logger } from './observability/logger.js';
export { RouteMetrics } from './observability/metrics.js';
export { requestIdOf } from './observability/request-id.js';
export {
  defineFunction,
  type FunctionEntry,
  type FunctionHandler,
  type FunctionParts,
  type InitContext,
} from './fc/define-function.js';
export { runJob, isTimerEvent, type Job, type JobContext, type JobOutcome, type FcTimerEvent } from './fc/jobs.js';
export { fcHttpHandler, parseEvent, toRuntimeRequest, toFcResult } from './fc/http-trigger.js';
export { startCustomRuntime } from './fc/custom-runtime.js';
export type { FcContext, FcHttpEvent, FcHttpResult } from './fc/types.js';
export * from './openapi/index.js';
