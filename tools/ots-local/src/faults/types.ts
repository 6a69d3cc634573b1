// The fault rules' public shape: what `--faults`, `OTS_FAULTS`, `startOtsLocal({ faults })` and the
// admin route take, and what `GET /_admin/faults` answers. Keep it small and additive: chaos tests
// in other packages drive it.

/** The refusals and failures an `error` rule answers, each with the service's own status and body. */
export type FaultErrorName =
  | 'OTSServerBusy'
  | 'OTSTimeout'
  | 'OTSPartitionUnavailable'
  | 'OTSServerUnavailable'
  | 'OTSQuotaExhausted'
  | 'OTSNotEnoughCapacityUnit'
  | 'OTSCapacityUnitExhausted'
  | 'OTSInternalServerError'
  /** HTTP 503 with an empty body: a front end failing before the service. */
  | '503';

/** Which calls a rule looks at, and which of those it fires on. */
export interface FaultSelector {
  /** Names the rule in the counters; `r1`, `r2`... when left out. */
  readonly id?: string;
  /** `PutRow`, `UpdateRow`, `GetRange`, `BatchWriteRow`...; `*` (the default) for every operation. */
  readonly operation?: string;
  /** A table name; `*` (the default) for any. A batch matches when any of its tables does. */
  readonly table?: string;
  /** Fire on this share of matching calls, 0..1, drawn from the seeded generator. */
  readonly probability?: number;
  /** Fire on every Nth matching call (the Nth, 2Nth...). Without this or `probability`: every call. */
  readonly everyNth?: number;
  /** Fire at most this many times. */
  readonly times?: number;
}

/** Added delay before the call is applied: a fixed number of ms or a range drawn uniformly. */
export interface LatencyRule extends FaultSelector {
  readonly fault: 'latency';
  readonly ms: number | readonly [number, number];
}

/** An error answered before anything is applied. */
export interface ErrorRule extends FaultSelector {
  readonly fault: 'error';
  readonly error: FaultErrorName;
}

/**
 * The call is applied and durable, then its answer is lost: the connection is reset (`reset`, the
 * default) or left open until the client gives up (`hang`). The ambiguous write.
 */
export interface LoseResponseRule extends FaultSelector {
  readonly fault: 'lose-response';
  readonly mode?: 'reset' | 'hang';
}

/**
 * Reserved throughput of a table (or of each table, `*`): token buckets of capacity units per
 * second, charged with what each call consumes (1 CU per started 4 KB). A call that finds its bucket
 * below one unit is refused with `OTSCapacityUnitExhausted` and applies nothing.
 */
export interface ThrottleRule {
  readonly id?: string;
  readonly fault: 'throttle';
  readonly table: string;
  /** Read CU per second; left out, reads are not limited. */
  readonly readCUPerSecond?: number;
  /** Write CU per second; left out, writes are not limited. */
  readonly writeCUPerSecond?: number;
  /** Units a bucket holds when full (what a burst may spend). Default: one second's worth, at least 1. */
  readonly burst?: number;
}

export type FaultRule = LatencyRule | ErrorRule | LoseResponseRule | ThrottleRule;
export type FaultKind = FaultRule['fault'];

/** A whole set of rules: what start-up and `PUT /_admin/faults` take. */
export interface FaultConfig {
  /** Seeds the generator of `probability` and latency ranges, so a run can be repeated. Default 1. */
  readonly seed?: number;
  readonly rules: readonly FaultRule[];
}

/** How often a rule was looked at and how often it fired. */
export interface FaultCounter {
  readonly matched: number;
  readonly fired: number;
}

/** What `GET /_admin/faults` answers: the rules in force (with their ids) and what fired. */
export interface FaultState {
  readonly seed: number;
  readonly rules: readonly (FaultRule & { readonly id: string })[];
  /** By rule id. */
  readonly counters: Readonly<Record<string, FaultCounter>>;
  /** Faults fired since the rules were last set or cleared, by kind. */
  readonly totals: Readonly<Record<FaultKind, number>>;
}
