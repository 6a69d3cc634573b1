import { OtsError } from '../engine/errors.js';
import type { FaultErrorName } from './types.js';

// Statuses and messages as the service sends them (sources in shared/TABLESTORE.md and below):
// - 503 OTSServerBusy / OTSTimeout / OTSPartitionUnavailable / OTSServerUnavailable with these
//   exact messages: the service's "5xx errors" FAQ (TABLESTORE.md D-503).
// - 403 OTSQuotaExhausted "Too frequent table operations.": the retryable form, the message every
//   official SDK's retry policy compares against.
// - 403 OTSNotEnoughCapacityUnit "Remaining capacity unit for read is not enough.": the Python
//   SDK's tests against the service (PYT).
// - 403 OTSCapacityUnitExhausted: the C++ SDK's predefined error table gives 403 (its retry policy
//   classes it with the 4xx refusals); no published message, so this one is ots-local's wording.
// - 500 OTSInternalServerError "Internal server error.": what ots-local already answers.
// - '503': an empty body, what a proxy in front of the service answers; the Node SDK then has only
//   the status to go by.
const SHAPES: Record<FaultErrorName, { status: number; code: string; message: string }> = {
  OTSServerBusy: { status: 503, code: 'OTSServerBusy', message: 'Server is busy.' },
  OTSTimeout: { status: 503, code: 'OTSTimeout', message: 'Operation timeout.' },
  OTSPartitionUnavailable: { status: 503, code: 'OTSPartitionUnavailable', message: 'The partition is not available.' },
  OTSServerUnavailable: { status: 503, code: 'OTSServerUnavailable', message: 'Server is not available.' },
  OTSQuotaExhausted: { status: 403, code: 'OTSQuotaExhausted', message: 'Too frequent table operations.' },
  OTSNotEnoughCapacityUnit: {
    status: 403,
    code: 'OTSNotEnoughCapacityUnit',
    message: 'Remaining capacity unit for read is not enough.',
  },
  OTSCapacityUnitExhausted: {
    status: 403,
    code: 'OTSCapacityUnitExhausted',
    message: 'The reserved capacity units of the table are exhausted.',
  },
  OTSInternalServerError: { status: 500, code: 'OTSInternalServerError', message: 'Internal server error.' },
  '503': { status: 503, code: '', message: '' },
};

/** The names an `error` rule accepts. */
export const FAULT_ERROR_NAMES = Object.keys(SHAPES) as FaultErrorName[];

/** An injected error; `code: ''` marks the bare 503, whose body stays empty. */
export function faultError(name: FaultErrorName): OtsError {
  const shape = SHAPES[name];
  return new OtsError(shape.status, shape.code, shape.message);
}

/** The refusal of a call beyond a table's reserved throughput. */
export function capacityExhausted(table: string, kind: 'read' | 'write', perSecond: number): OtsError {
  return new OtsError(
    403,
    'OTSCapacityUnitExhausted',
    `The reserved ${kind} capacity units of table '${table}' (${perSecond} per second) are exhausted.`,
  );
}
