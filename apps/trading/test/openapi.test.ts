import { createLogger, openApiDocument } from '@retail/runtime';
import { createTablestoreClient } from '@retail/tablestore';
import { describe, expect, it } from 'vitest';
import { createTradingApp } from '../src/app.js';

// The function's generated OpenAPI document (what the gateway merges): the contract's constraints
// come out of the DTOs and response classes, not a hand-written file.
const client = createTablestoreClient({
  endpoint: 'http://127.0.0.1:1',
  instanceName: 'i',
  accessKeyId: 'a',
  accessKeySecret: 's',
});
const { app } = createTradingApp({
  client,
  functionTimeoutMs: 10_000,
  logger: createLogger({ functionName: 'trading', level: 'silent' }),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into the JSON document
const doc: any = openApiDocument(app);
client.close();

const json = (content: { 'application/json': { schema: unknown } }) => content['application/json'].schema;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a problem response's documented codes
const codes = (response: any): string[] => response.content['application/problem+json'].schema.allOf[1].properties.code.enum;

describe('the trading OpenAPI document', () => {
  it('has every route of the contract', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/flash-sales',
      '/flash-sales/{id}',
      '/flash-sales/{id}/orders',
      '/orders',
      '/orders/{id}',
      '/orders/{id}/cancellation',
      '/orders/{id}/payment',
    ]);
    expect(Object.keys(doc.paths['/orders']).sort()).toEqual(['get', 'post']);
  });

  it('documents the order body with its nested lines and bounds, and the Idempotency-Key', () => {
    const post = doc.paths['/orders'].post;
    const body = json(post.requestBody.content) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.required.sort()).toEqual(['items', 'memberId', 'storeId']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.items).toMatchObject({ type: 'array', minItems: 1, maxItems: 50 });
    expect(body.properties.items.items.properties.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 99 });
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(codes(post.responses['409'])).toEqual(expect.arrayContaining(['out-of-stock', 'coupon-not-applicable']));
  });

  it('documents the order returned, its nullable fields and statuses', () => {
    const order = json(doc.paths['/orders'].post.responses['201'].content) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(order.properties).sort()).toEqual(
      [
        'couponId',
        'createdAt',
        'discount',
        'expiresAt',
        'flashSaleId',
        'id',
        'items',
        'memberId',
        'paidAt',
        'paymentRef',
        'status',
        'storeId',
        'subtotal',
        'total',
      ].sort(),
    );
    expect(order.required).toContain('couponId');
    expect(order.properties.status.enum).toEqual(['pending-payment', 'paid', 'cancelled', 'expired']);
    expect(Object.keys(order.properties.items.items.properties).sort()).toEqual(['name', 'price', 'quantity', 'sku', 'subtotal']);
    const page = json(doc.paths['/orders'].get.responses['200'].content) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(page.properties).sort()).toEqual(['items', 'nextCursor']);
  });

  it('documents the refusals of payment, cancellation and flash purchases', () => {
    expect(codes(doc.paths['/orders/{id}/payment'].post.responses['409'])).toEqual(
      expect.arrayContaining(['amount-mismatch', 'not-payable']),
    );
    expect(codes(doc.paths['/orders/{id}/cancellation'].post.responses['409'])).toContain('not-cancellable');
    const buy = doc.paths['/flash-sales/{id}/orders'].post;
    expect(codes(buy.responses['409'])).toEqual(expect.arrayContaining(['sold-out', 'limit-reached', 'campaign-not-active']));
    expect(codes(buy.responses['503'])).toContain('flash-sale-busy');
    const sale = json(doc.paths['/flash-sales'].post.requestBody.content) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(sale.properties.quantity).toMatchObject({ minimum: 1, maximum: 1_000_000 });
    expect(sale.properties.perMemberLimit).toMatchObject({ minimum: 1, maximum: 99 });
    expect(json(doc.paths['/flash-sales/{id}'].get.responses['200'].content)).toMatchObject({
      properties: { remaining: { type: 'integer', minimum: 0 } },
    });
  });
});
