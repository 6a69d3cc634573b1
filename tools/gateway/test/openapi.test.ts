/**
 * GET /_gateway/openapi.json with the real member bundle behind a FunctionPool: the member's
 * generated document merged with the gateway's own, checked by an OpenAPI 3.1 validator.
 */
import { compileErrors, validate } from '@readme/openapi-parser';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRegistry, poolFromSYaml, startGateway, type FunctionPool, type Gateway } from '../src/index.js';
import { DEV } from './support/harness.js';

type Json = Record<string, unknown>;
interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: Json }>;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; headers?: Json; content?: Record<string, { schema: Json }> }>;
  security?: unknown[];
  'x-admin-only'?: boolean;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Json; securitySchemes: Record<string, Json> };
  security: unknown[];
  'x-missing-functions': Array<{ function: string; reason: string }>;
}

const root = join(import.meta.dirname, '..', '..', '..');
let stopOts: () => Promise<void>;
let pool: FunctionPool;
let gateway: Gateway;
let document: Document;

beforeAll(async () => {
  const { startOtsLocal } = await import('@retail/ots-local');
  const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  stopOts = () => ots.stop();
  const metrics = new MetricsRegistry();
  pool = await poolFromSYaml(
    join(root, 'apps', 'member'),
    {
      NODE_ENV: 'development',
      OTS_ENDPOINT: ots.endpoint,
      OTS_INSTANCE: ots.instanceName,
      OTS_ACCESS_KEY_ID: ots.accessKeyId,
      OTS_ACCESS_KEY_SECRET: ots.accessKeySecret,
    },
    { provisioned: 1, metrics },
  );
  await pool.start();
  // stores at an address nothing listens on; coupons and trading not configured at all
  gateway = await startGateway({
    port: 0,
    channels: DEV,
    upstreams: { member: pool, stores: 'http://127.0.0.1:9' },
    metrics,
    log: () => {},
  });
  const response = await fetch(`${gateway.url}/_gateway/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  document = (await response.json()) as Document;
});

afterAll(async () => {
  await gateway?.stop();
  await pool?.close();
  await stopOts?.();
});

function operation(path: string, method: string): Operation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path} in ${Object.keys(document.paths).join(', ')}`);
  return found;
}

describe('GET /_gateway/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without a signature', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, compileErrors(result)).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it("holds the member function's paths and the gateway's own", () => {
    expect(Object.keys(document.paths)).toEqual([
      '/_gateway/alarms',
      '/_gateway/channels',
      '/_gateway/channels/{channel}/throttle',
      '/_gateway/functions/{function}/faults',
      '/_gateway/functions/{function}/kill',
      '/_gateway/health',
      '/_gateway/logs',
      '/_gateway/metrics',
      '/_gateway/openapi.json',
      '/_gateway/series',
      '/members',
      '/members/{id}',
      '/members/{id}/points',
    ]);
    expect(Object.keys(document.paths['/members']!)).toEqual(['post', 'get']);
    expect(Object.keys(document.paths['/members/{id}/points']!)).toEqual(['post', 'get']);
  });

  it('lists the functions it could not document instead of failing', () => {
    const missing = Object.fromEntries(document['x-missing-functions'].map((entry) => [entry.function, entry.reason]));
    expect(Object.keys(missing).sort()).toEqual(['coupons', 'stores', 'trading']);
    expect(missing.stores).toMatch(/not reachable/);
    expect(missing.coupons).toMatch(/no upstream/);
  });

  it("documents member's bodies and queries from its DTOs: phone pattern, required fields, limit bounds", () => {
    const register = operation('/members', 'post').requestBody!.content['application/json']!.schema;
    expect(register).toMatchObject({
      type: 'object',
      properties: {
        phone: { type: 'string', pattern: '^1\\d{10}$' },
        name: { type: 'string', minLength: 1, maxLength: 32 },
        birthday: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      },
      required: ['phone', 'name'],
      additionalProperties: false,
    });
    expect(operation('/members', 'get').parameters).toEqual([
      { name: 'phone', in: 'query', required: true, schema: { type: 'string', pattern: '^1\\d{10}$' } },
    ]);
    const limit = operation('/members/{id}/points', 'get').parameters!.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { minimum: 1, maximum: 100, default: 20 } });
    const change = operation('/members/{id}/points', 'post').requestBody!.content['application/json']!.schema;
    expect(change).toMatchObject({
      required: ['delta', 'reason'],
      properties: { delta: { type: 'integer', not: { const: 0 } } },
    });
  });

  it('documents member responses from its response classes', () => {
    const created = operation('/members', 'post').responses['201']!;
    expect(created.headers).toHaveProperty('Location');
    expect(created.content!['application/json']!.schema).toMatchObject({
      properties: {
        id: { pattern: '^mem_[0-9a-hjkmnp-tv-z]{26}$' },
        level: { enum: ['regular', 'silver', 'gold', 'platinum'] },
        birthday: { type: ['string', 'null'] },
      },
      required: ['id', 'phone', 'name', 'birthday', 'level', 'points', 'lifetimePoints', 'registeredChannel', 'createdAt'],
    });
    expect(operation('/members/{id}/points', 'get').responses['200']!.content!['application/json']!.schema).toMatchObject({
      properties: { items: { type: 'array' }, nextCursor: { type: ['string', 'null'] } },
    });
  });

  it('gives POST /members/{id}/points the Idempotency-Key header and its problems', () => {
    const change = operation('/members/{id}/points', 'post');
    expect(change.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
    expect(change.responses['422']!.description).toContain('idempotency-key-reused');
    expect(change.responses['409']!.description).toContain('idempotency-in-progress');
    expect(change.responses['409']!.description).toContain('insufficient-points');
    expect(operation('/members', 'post').responses['409']!.description).toContain('phone-taken');
  });

  it("adds the signature scheme and the gateway's refusals to every function operation", () => {
    expect(document.security).toEqual([{ channelSignature: [] }]);
    expect(document.components.securitySchemes.channelSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Ca-Key',
    });
    const get = operation('/members/{id}', 'get');
    expect(Object.keys(get.responses)).toEqual(['200', '400', '401', '404', '413', '429', '500', '502', '503', '504']);
    expect(get.responses['429']!.headers).toHaveProperty('Retry-After');
    expect(get.responses['401']!.description).toContain('signature-missing');
    // the function's own 400 and the gateway's, both documented
    const both = get.responses['400']!.content!['application/problem+json']!.schema as { anyOf: unknown[] };
    expect(both.anyOf).toHaveLength(2);
    expect(get.responses['400']!.description).toMatch(/validation-failed.*invalid-signature/s);
    expect(get['x-admin-only']).toBeUndefined();
  });

  it('marks admin-only gateway endpoints and leaves health, metrics and the document unsigned', () => {
    expect(operation('/_gateway/health', 'get').security).toEqual([]);
    expect(operation('/_gateway/openapi.json', 'get').security).toEqual([]);
    const throttle = operation('/_gateway/channels/{channel}/throttle', 'put');
    expect(throttle['x-admin-only']).toBe(true);
    expect(throttle.responses['403']!.description).toContain('unauthorized');
    expect(throttle.responses['429']).toBeDefined();
  });

  it('serves the same document again while the function runs', async () => {
    const again = (await (await fetch(`${gateway.url}/_gateway/openapi.json`)).json()) as Document;
    expect(again).toEqual(document);
  });
});
