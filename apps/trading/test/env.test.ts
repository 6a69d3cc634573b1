import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';

// The settings a deploy (or a chaos run) gives the function: read once, validated, named when wrong.
const base = {
  OTS_ENDPOINT: 'http://127.0.0.1:8900',
  OTS_INSTANCE: 'retail-dev',
  OTS_ACCESS_KEY_ID: 'id',
  OTS_ACCESS_KEY_SECRET: 'secret',
  FUNCTION_TIMEOUT_SECONDS: '10',
};

describe('the trading function’s environment', () => {
  it('leaves the payment and repair windows to the library when unset', () => {
    expect(loadEnv({ env: base })).toMatchObject({
      functionTimeoutMs: 10_000,
      paymentWindowMs: undefined,
      repairAfterMs: undefined,
    });
  });

  it('takes a shorter payment window and repair window in seconds', () => {
    const env = loadEnv({ env: { ...base, ORDER_PAYMENT_WINDOW_SECONDS: '20', REPAIR_AFTER_SECONDS: '12' } });
    expect(env).toMatchObject({ paymentWindowMs: 20_000, repairAfterMs: 12_000 });
  });

  it.each([
    ['ORDER_PAYMENT_WINDOW_SECONDS', '0'],
    ['ORDER_PAYMENT_WINDOW_SECONDS', '1.5'],
    ['ORDER_PAYMENT_WINDOW_SECONDS', 'soon'],
    // A repair that could catch a request still running (within the function timeout) is refused.
    ['REPAIR_AFTER_SECONDS', '10'],
    ['REPAIR_AFTER_SECONDS', '-60'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadEnv({ env: { ...base, [name]: value } })).toThrow(name);
  });
});
