import { compileErrors, validate } from '@readme/openapi-parser';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApp,
  defineFunction,
  openApiDocument,
  schemaOf,
  startCustomRuntime,
  type IdempotencyStore,
  type OpenApiDocument,
  type OpenApiOperation,
} from '../src/index.js';
import { DocumentedController, OrderBody, UpdateBody } from './openapi-fixtures.js';

// The document is generated from metadata; no request reaches the store, so it is only a placeholder.
const unusedStore = {} as IdempotencyStore;
const build = () =>
  createApp({
    name: 'things',
    controllers: [new DocumentedController()],
    logger: pino({ level: 'silent' }),
    idempotency: { store: unusedStore, lockMs: 1000 },
  });
const document = openApiDocument(build());

function operation(path: string, method: 'get' | 'post' | 'put'): OpenApiOperation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
}

const problemCodes = (op: OpenApiOperation, status: string) =>
  (
    op.responses[status]?.content?.['application/problem+json']?.schema as {
      allOf: [unknown, { properties: { code: { enum: string[] } } }];
    }
  ).allOf[1].properties.code.enum;

describe('openApiDocument', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('is checked by a validator that does refuse a broken document', async () => {
    const broken = structuredClone(document);
    delete broken.paths['/things/{id}']!.put!.parameters; // a path template without its parameter
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('has a path per route, in OpenAPI template syntax', () => {
    expect(Object.keys(document.paths)).toEqual([
      '/things',
      '/things/{id}',
      '/things/{id}/lines',
      '/things/{id}/orders/{n}',
      '/things/{id}/points',
    ]);
    expect(Object.keys(document.paths['/things']!)).toEqual(['post', 'get']);
    expect(operation('/things', 'post').operationId).toBe('things.register');
  });

  it('turns a body DTO into a closed object schema with patterns, lengths and required fields', () => {
    const body = operation('/things', 'post').requestBody;
    expect(body?.required).toBe(true);
    expect(body?.content['application/json']?.schema).toEqual({
      type: 'object',
      properties: {
        phone: { type: 'string', pattern: '^1\\d{10}$' },
        name: { type: 'string', minLength: 1, maxLength: 32 },
        birthday: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      },
      required: ['phone', 'name'],
      additionalProperties: false,
    });
  });

  it('reads @ValidateIf conditions as optional and nullable', () => {
    expect(schemaOf(UpdateBody, 'request')).toMatchObject({
      properties: { birthday: { type: ['string', 'null'] } },
      additionalProperties: false,
    });
    expect(schemaOf(UpdateBody, 'request').required).toBeUndefined();
  });

  it('nests @ValidateNested + @Type classes as arrays with item schemas and size bounds', () => {
    expect(schemaOf(OrderBody, 'request').properties).toEqual({
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'object',
          properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1, maximum: 99 } },
          required: ['sku', 'quantity'],
          additionalProperties: false,
        },
      },
      speed: { enum: ['fast', 'slow', null] },
    });
  });

  it('spreads a @QueryDto class into query parameters with bounds and defaults', () => {
    expect(operation('/things/{id}/points', 'get').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: ['integer', 'null'], minimum: 1, maximum: 100, default: 20 },
      },
      { name: 'cursor', in: 'query', required: false, schema: { type: ['string', 'null'], minLength: 1, maxLength: 512 } },
    ]);
    expect(operation('/things', 'get').parameters).toEqual([
      { name: 'phone', in: 'query', required: true, schema: { type: 'string', pattern: '^1\\d{10}$' } },
    ]);
  });

  it('types path numbers and header parameters', () => {
    expect(operation('/things/{id}/orders/{n}', 'post').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'n', in: 'path', required: true, schema: { type: 'number' } },
      { name: 'x-trace', in: 'header', required: false, schema: { type: 'string' } },
    ]);
  });

  it('documents @Returns bodies, Location on 201, and nullable response fields as required', () => {
    const created = operation('/things', 'post').responses['201'];
    expect(created?.description).toBe('The new thing.');
    expect(created?.headers?.Location).toBeDefined();
    expect(created?.content?.['application/json']?.schema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        phone: { type: 'string', pattern: '^1\\d{10}$' },
        birthday: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        level: { enum: ['regular', 'silver'] },
        points: { type: 'integer', minimum: 0 },
      },
      required: ['id', 'phone', 'birthday', 'level', 'points'],
    });
    expect(operation('/things/{id}/points', 'get').responses['200']?.content?.['application/json']?.schema).toMatchObject({
      properties: { items: { type: 'array', items: { required: ['id', 'delta'] } }, nextCursor: { type: ['string', 'null'] } },
      required: ['items', 'nextCursor'],
    });
    expect(operation('/things/{id}/lines', 'get').responses['200']?.content?.['application/json']?.schema).toMatchObject({
      type: 'array',
      items: { required: ['sku', 'quantity'] },
    });
  });

  it("documents every route's problems, the body's, and the declared refusals", () => {
    const register = operation('/things', 'post');
    expect(Object.keys(register.responses)).toEqual(['201', '400', '404', '409', '413', '415', '500', '503']);
    expect(problemCodes(register, '400')).toEqual(['invalid-json', 'validation-failed']);
    expect(problemCodes(register, '409')).toEqual(['phone-taken']);
    const find = operation('/things', 'get');
    expect(Object.keys(find.responses)).toEqual(['200', '400', '404', '500', '503']);
    expect(document.components?.schemas?.Problem).toMatchObject({ required: ['type', 'title', 'status', 'detail', 'code'] });
  });

  it('gives @Idempotent routes the Idempotency-Key header and the idempotency problems', () => {
    const points = operation('/things/{id}/points', 'post');
    expect(points.parameters).toContainEqual(
      expect.objectContaining({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: expect.objectContaining({ maxLength: 255 }),
      }),
    );
    expect(points['x-idempotent']).toBe(true);
    expect(problemCodes(points, '409')).toEqual(['idempotency-in-progress', 'insufficient-points']);
    expect(problemCodes(points, '422')).toEqual(['idempotency-key-reused']);
    expect(points.responses['200']?.headers?.['Idempotent-Replayed']).toBeDefined();
    expect(operation('/things', 'post').parameters?.some((p) => p.name === 'Idempotency-Key') ?? false).toBe(false);
  });
});

describe('the custom runtime', () => {
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = await startCustomRuntime(
      defineFunction(() => build()),
      { port: 0, host: '127.0.0.1' },
    );
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it('serves the document at GET /_runtime/openapi.json', async () => {
    const response = await fetch(`${url}/_runtime/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const served = (await response.json()) as OpenApiDocument;
    expect(served).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
