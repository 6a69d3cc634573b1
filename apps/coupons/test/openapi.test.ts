import { createLogger, openApiDocument } from '@retail/runtime';
import { createTablestoreClient } from '@retail/tablestore';
import { describe, expect, it } from 'vitest';
import { createCouponsApp } from '../src/app.js';

// The function's generated OpenAPI document (what the gateway merges): the contract's constraints
// come out of the DTOs and response classes, not a hand-written file.
const client = createTablestoreClient({
  endpoint: 'http://127.0.0.1:1',
  instanceName: 'i',
  accessKeyId: 'a',
  accessKeySecret: 's',
});
const { app } = createCouponsApp({
  client,
  functionTimeoutMs: 10_000,
  logger: createLogger({ functionName: 'coupons', level: 'silent' }),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into the JSON document
const doc: any = openApiDocument(app);
client.close();

const problemCodes = (operation: { responses: Record<string, Record<string, unknown>> }, status: string): string[] =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the problem schema's code enum
  ((operation.responses[status] as any)?.content?.['application/problem+json']?.schema?.allOf?.[1]?.properties?.code?.enum ??
    []) as string[];

describe('the coupons OpenAPI document', () => {
  it('has every route of the contract', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/coupon-campaigns',
      '/coupon-campaigns/{id}',
      '/coupon-campaigns/{id}/claims',
      '/coupons',
      '/coupons/{id}',
    ]);
  });

  it('documents the campaign body with its bounds, closed to unknown properties', () => {
    const body = doc.paths['/coupon-campaigns'].post.requestBody.content['application/json'].schema;
    expect(body.required.sort()).toEqual(['endsAt', 'kind', 'minSpend', 'name', 'perMemberLimit', 'startsAt', 'total', 'value']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.kind.enum).toEqual(['amount-off', 'percent-off']);
    expect(body.properties.total).toMatchObject({ minimum: 1, maximum: 10_000_000 });
    expect(body.properties.perMemberLimit).toMatchObject({ minimum: 1, maximum: 20 });
    expect(doc.paths['/coupon-campaigns'].post.responses['201']).toBeDefined();
  });

  it('documents the claim: Idempotency-Key, the coupon, and every refusal', () => {
    const claim = doc.paths['/coupon-campaigns/{id}/claims'].post;
    expect(claim.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    const coupon = claim.responses['201'].content['application/json'].schema;
    expect(coupon.required.sort()).toEqual(['campaignId', 'claimedAt', 'expiresAt', 'id', 'memberId', 'status']);
    expect(problemCodes(claim, '409')).toEqual(expect.arrayContaining(['campaign-not-active', 'sold-out', 'limit-reached']));
    expect(problemCodes(claim, '404')).toContain('not-found');
  });

  it('documents the coupon list query and its page', () => {
    const list = doc.paths['/coupons'].get;
    const params = Object.fromEntries(list.parameters.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(params).sort()).toEqual(['cursor', 'limit', 'memberId', 'status']);
    expect(params.memberId.required).toBe(true);
    expect(params.status.schema.enum).toEqual(expect.arrayContaining(['available', 'locked', 'used', 'expired']));
    expect(params.limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    const page = list.responses['200'].content['application/json'].schema;
    expect(page.properties.items.items.properties.status.enum).toEqual(['available', 'locked', 'used', 'expired']);
  });
});
