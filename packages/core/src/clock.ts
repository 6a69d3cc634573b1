/** Where code gets the time: injected, so tests can move it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests of expiry and time windows. */
export interface ManualClock extends Clock {
  set(at: number | string | Date): void;
  advance(ms: number): void;
}

/**
 * @example
 * const clock = manualClock('2026-11-11T00:00:00Z');
 * clock.advance(15 * 60_000);
 */
export function manualClock(start: number | string | Date = Date.now()): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => current,
    set: (at) => (current = new Date(at).getTime()),
    advance: (ms) => (current += ms),
  };
}

/** An ISO-8601 UTC string, the contract's format for every time. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
