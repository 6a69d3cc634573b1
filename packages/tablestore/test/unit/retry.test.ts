import { describe, expect, it } from 'vitest';
import {
  AmbiguousWriteError,
  ConditionFailedError,
  ThrottledError,
  TimeoutError,
  createTablestoreClient,
  type RetryEvent,
} from '../../src/index.js';
import { DEFAULT_RETRY_POLICY, backoffDelay, mayRetry, writeMayBeReplayed } from '../../src/retry-policy.js';
import { runRead, runWrite } from '../../src/run.js';
import { normalizeError } from '../../src/normalize-error.js';
import { sdkNetworkError, sdkOtsError, sdkTimeoutError } from '../support/sdk-errors.js';

// The retry loop alone: each attempt is a scripted outcome, nothing is sent anywhere.
function scripted(outcomes: (Error | 'ok')[]) {
  let calls = 0;
  const fn = async () => {
    const o = outcomes[calls++];
    if (o === undefined || o === 'ok') return 'done';
    throw o;
  };
  return { fn, calls: () => calls };
}

const events: RetryEvent[] = [];
const client = createTablestoreClient({
  endpoint: 'http://127.0.0.1:9',
  instanceName: 'unit',
  accessKeyId: 'ak',
  accessKeySecret: 'sk',
  retry: { baseDelayMs: 1, throttledBaseDelayMs: 1, maxDelayMs: 2 },
  onRetry: (e) => events.push(e),
});
const busy = () => sdkOtsError(503, 'OTSServerBusy', 'busy');
const failedCondition = () => sdkOtsError(403, 'OTSConditionCheckFail', 'Condition check failed.');
const write = (replaySafe: boolean) => ({ operation: 'PutRow', table: 't', replaySafe });

describe('backoff', () => {
  it('is full jitter, capped, larger for throttling', () => {
    const p = DEFAULT_RETRY_POLICY;
    const timeout = normalizeError(sdkTimeoutError());
    const throttled = normalizeError(busy());
    expect(backoffDelay(1, timeout, p, () => 0.999)).toBe(49);
    expect(backoffDelay(3, timeout, p, () => 0.5)).toBe(100);
    expect(backoffDelay(1, throttled, p, () => 0.999)).toBe(199);
    expect(backoffDelay(10, throttled, p, () => 0.999)).toBe(999);
    expect(backoffDelay(2, timeout, p, () => 0)).toBe(0);
    expect(mayRetry(2, 10, 0, p)).toBe(true);
    expect(mayRetry(3, 10, 0, p)).toBe(false);
    expect(mayRetry(1, 600, 4500, p)).toBe(false);
  });

  it('replays writes only after refusals, or after ambiguity when replay-safe', () => {
    expect(writeMayBeReplayed(normalizeError(busy()), false)).toBe(true);
    expect(writeMayBeReplayed(normalizeError(sdkTimeoutError()), false)).toBe(false);
    expect(writeMayBeReplayed(normalizeError(sdkTimeoutError()), true)).toBe(true);
    expect(writeMayBeReplayed(normalizeError(failedCondition()), true)).toBe(false);
    expect(writeMayBeReplayed(normalizeError(sdkNetworkError('connect', 'connect ECONNREFUSED')), false)).toBe(true);
  });
});

describe('runRead', () => {
  it('retries transient errors up to maxAttempts', async () => {
    const s = scripted([sdkTimeoutError(), busy(), 'ok']);
    await expect(runRead(client, { operation: 'GetRow', table: 't' }, s.fn)).resolves.toBe('done');
    expect(s.calls()).toBe(3);
    const t = scripted([sdkTimeoutError(), sdkTimeoutError(), sdkTimeoutError(), 'ok']);
    await expect(runRead(client, { operation: 'GetRow', table: 't' }, t.fn)).rejects.toBeInstanceOf(TimeoutError);
    expect(t.calls()).toBe(3);
  });

  it('does not retry permanent errors', async () => {
    const s = scripted([sdkOtsError(404, 'OTSObjectNotExist', 'Requested table does not exist.'), 'ok']);
    await expect(runRead(client, { operation: 'GetRow', table: 't' }, s.fn)).rejects.toMatchObject({ code: 'TABLE_NOT_FOUND' });
    expect(s.calls()).toBe(1);
  });
});

describe('runWrite', () => {
  it('retries a refused INCREMENT (nothing was applied)', async () => {
    events.length = 0;
    const s = scripted([busy(), 'ok']);
    await expect(runWrite(client, write(false), s.fn)).resolves.toBe('done');
    expect(events).toHaveLength(1);
    expect(events[0]?.error).toBeInstanceOf(ThrottledError);
  });

  it('never re-sends an INCREMENT after a timeout', async () => {
    const s = scripted([sdkTimeoutError(), 'ok']);
    const err = await runWrite(client, write(false), s.fn).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect((err as AmbiguousWriteError).cause).toBeInstanceOf(TimeoutError);
    expect(s.calls()).toBe(1);
  });

  it('re-sends a replay-safe write after a timeout and reports its success', async () => {
    const s = scripted([sdkTimeoutError(), 'ok']);
    await expect(runWrite(client, write(true), s.fn)).resolves.toBe('done');
    expect(s.calls()).toBe(2);
  });

  it('surfaces an EXPECT_NOT_EXIST put that times out and then fails its condition as ambiguous', async () => {
    const s = scripted([sdkTimeoutError(), failedCondition()]);
    const err = await runWrite(client, write(true), s.fn).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect(err).not.toBeInstanceOf(ConditionFailedError);
    expect((err as AmbiguousWriteError).cause).toBeInstanceOf(ConditionFailedError);
    expect(err).toMatchObject({ code: 'AMBIGUOUS_WRITE', ambiguous: true, retryable: false });
  });

  it('a plain condition failure stays a ConditionFailedError', async () => {
    const s = scripted([failedCondition()]);
    await expect(runWrite(client, write(true), s.fn)).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('running out of retries after an ambiguous attempt is ambiguous', async () => {
    const s = scripted([sdkTimeoutError(), busy(), busy(), 'ok']);
    await expect(runWrite(client, write(true), s.fn)).rejects.toBeInstanceOf(AmbiguousWriteError);
    expect(s.calls()).toBe(3);
  });
});
