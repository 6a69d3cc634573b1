export { newId, isId } from './ids.js';
export { seededId } from './seeded-id.js';
export { BoundedCache } from './bounded-cache.js';
export { isFen, percentOff, sumFen, wholeYuan, type Fen } from './money.js';
export { isoTime, manualClock, systemClock, type Clock, type ManualClock } from './clock.js';
export {
  ConflictError,
  DomainError,
  NotFoundError,
  UnavailableError,
  ValidationError,
  type ErrorKind,
  type FieldProblem,
} from './errors.js';
