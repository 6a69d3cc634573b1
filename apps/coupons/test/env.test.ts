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

describe('the coupons function’s environment', () => {
  it('leaves the claim grace to the library when unset, and takes a shorter one in seconds', () => {
    expect(loadEnv({ env: base })).toMatchObject({ functionTimeoutMs: 10_000, claimGraceMs: undefined });
    expect(loadEnv({ env: { ...base, COUPON_CLAIM_GRACE_SECONDS: '12' } })).toMatchObject({ claimGraceMs: 12_000 });
  });

  // A grace within the function timeout could void a claim that is still running.
  it.each(['10', '0', '2.5', 'later'])('refuses COUPON_CLAIM_GRACE_SECONDS=%s, naming it', (value) => {
    expect(() => loadEnv({ env: { ...base, COUPON_CLAIM_GRACE_SECONDS: value } })).toThrow('COUPON_CLAIM_GRACE_SECONDS');
  });
});
