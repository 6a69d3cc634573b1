import { createLogger, openApiDocument } from '@retail/runtime';
import { STORE_FORMATS } from '@retail/stores';
import { createTablestoreClient } from '@retail/tablestore';
import { describe, expect, it } from 'vitest';
import { createStoresApp } from '../src/app.js';

// The function's generated OpenAPI document (what the gateway merges): the contract's constraints
// come out of the DTOs and response classes, not a hand-written file.
const client = createTablestoreClient({
  endpoint: 'http://127.0.0.1:1',
  instanceName: 'i',
  accessKeyId: 'a',
  accessKeySecret: 's',
});
const app = createStoresApp({
  client,
  functionTimeoutMs: 10_000,
  logger: createLogger({ functionName: 'stores', level: 'silent' }),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into the JSON document
const doc: any = openApiDocument(app);
client.close();

describe('the stores OpenAPI document', () => {
  it('has every route of the contract', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/stores',
      '/stores/{id}',
      '/stores/{id}/inventory',
      '/stores/{id}/inventory/{sku}',
    ]);
    expect(Object.keys(doc.paths['/stores']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/stores/{id}/inventory/{sku}']).sort()).toEqual(['get', 'put']);
  });

  it('documents the search parameters and their bounds', () => {
    const params = Object.fromEntries(doc.paths['/stores'].get.parameters.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(params).sort()).toEqual(['city', 'cursor', 'format', 'limit', 'near', 'radiusKm']);
    expect(params.format.schema.enum).toEqual(expect.arrayContaining([...STORE_FORMATS]));
    expect(params.radiusKm.schema).toMatchObject({ maximum: 50 });
    expect(params.limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    const item = doc.paths['/stores'].get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(item.properties.distanceKm).toBeDefined();
    expect(item.required).not.toContain('distanceKm');
  });

  it('documents the create body, nested location included, and its Idempotency-Key', () => {
    const post = doc.paths['/stores'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.required.sort()).toEqual(['address', 'city', 'closesAt', 'format', 'location', 'name', 'opensAt']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.location.properties.lat).toMatchObject({ minimum: -90, maximum: 90 });
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(post.responses['201']).toBeDefined();
    const put = doc.paths['/stores/{id}/inventory/{sku}'].put.requestBody.content['application/json'].schema;
    expect(put.properties.price).toMatchObject({ minimum: 0, maximum: 1_000_000_000 });
  });
});
