import type { RouteDefinition } from '../rest/routes.js';
import { QUERY_DTO } from '../rest/arguments.js';
import { isDto } from '../validation/validate.js';
import { refusesOf, returnsOf, type ReturnsDeclaration } from './decorators.js';
import { addCodes, problemResponse, type ProblemCodes } from './problems.js';
import { propertiesOf, schemaOf } from './schema-of.js';
import type { JsonSchema, OpenApiOperation, OpenApiParameter, OpenApiResponse } from './types.js';

const JSON_MEDIA_TYPE = 'application/json';

/** `Idempotency-Key` as `runIdempotent` accepts it: 1 to 255 visible ASCII characters. */
const IDEMPOTENCY_KEY: OpenApiParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A retry with the same key and body returns the first response again (`Idempotent-Replayed: true`) and changes nothing. ' +
    'Keys are scoped to the channel app and kept at least 24 hours.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' },
};

/** The OpenAPI operation of one route: parameters, body, documented responses and problems. */
export function operationOf(functionName: string, route: RouteDefinition): OpenApiOperation {
  const prototype = Object.getPrototypeOf(route.controller) as object;
  const parameters: OpenApiParameter[] = [];
  let body: JsonSchema | undefined;
  route.parameters.forEach((param, index) => {
    const type = param.type ?? route.parameterTypes[index];
    switch (param.paramType) {
      case 'path':
        parameters.push({ name: param.name, in: 'path', required: true, schema: scalarSchema(type) });
        break;
      case 'query':
        if (param.name === QUERY_DTO && isDto(type)) {
          for (const property of propertiesOf(type, 'request')) {
            parameters.push({ name: property.name, in: 'query', required: property.required, schema: property.schema });
          }
        } else {
          parameters.push({ name: param.name, in: 'query', required: false, schema: scalarSchema(type) });
        }
        break;
      case 'header':
        parameters.push({ name: param.name, in: 'header', required: false, schema: scalarSchema(type) });
        break;
      case 'body':
        body = isDto(type) ? schemaOf(type, 'request') : {};
        break;
      default:
        break; // @Context: nothing the caller sends
    }
  });
  for (const name of templateNames(route.path)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  if (route.idempotent) parameters.push(IDEMPOTENCY_KEY);

  const operation: OpenApiOperation = {
    operationId: `${functionName}.${route.handlerName}`,
    tags: [functionName],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { [JSON_MEDIA_TYPE]: { schema: body } } } } : {}),
    responses: { ...successResponses(route, prototype), ...problemResponses(route, prototype, body !== undefined) },
  };
  if (route.idempotent) operation['x-idempotent'] = true;
  return operation;
}

/** find-my-way's `/members/:id` as OpenAPI's `/members/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function templateNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
}

function scalarSchema(type: unknown): JsonSchema {
  if (type === Number) return { type: 'number' };
  if (type === Boolean) return { type: 'boolean' };
  return { type: 'string' };
}

function successResponses(route: RouteDefinition, prototype: object): Record<string, OpenApiResponse> {
  const declared = returnsOf(prototype, route.handlerName);
  const list: readonly ReturnsDeclaration[] =
    declared.length > 0 ? declared : [{ status: 200, body: undefined, description: 'Success (body not documented).' }];
  const responses: Record<string, OpenApiResponse> = {};
  for (const entry of [...list].sort((a, b) => a.status - b.status)) {
    const response: OpenApiResponse = { description: entry.description ?? defaultDescription(entry.status) };
    if (entry.body !== undefined) {
      const schema = Array.isArray(entry.body)
        ? { type: 'array', items: schemaOf(entry.body[0], 'response') }
        : schemaOf(entry.body, 'response');
      response.content = { [JSON_MEDIA_TYPE]: { schema } };
    }
    const headers: OpenApiResponse['headers'] = {};
    if (entry.status === 201) headers.Location = { description: 'The new resource.', schema: { type: 'string' } };
    if (route.idempotent) {
      headers['Idempotent-Replayed'] = {
        description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key.',
        schema: { type: 'string', enum: ['true'] },
      };
    }
    if (Object.keys(headers).length > 0) response.headers = headers;
    responses[String(entry.status)] = response;
  }
  return responses;
}

function defaultDescription(status: number): string {
  if (status === 201) return 'Created.';
  if (status === 204) return 'Done; no body.';
  return 'Success.';
}

/** Every route's problems, the body's and idempotency's where they apply, then the declared ones. */
function problemResponses(route: RouteDefinition, prototype: object, hasBody: boolean): Record<string, OpenApiResponse> {
  const table: ProblemCodes = new Map();
  addCodes(table, 400, 'validation-failed');
  addCodes(table, 404, 'not-found');
  if (hasBody) {
    addCodes(table, 400, 'invalid-json');
    addCodes(table, 413, 'payload-too-large');
    addCodes(table, 415, 'unsupported-media-type');
  }
  if (route.idempotent) {
    addCodes(table, 409, 'idempotency-in-progress');
    addCodes(table, 422, 'idempotency-key-reused');
  }
  for (const { status, codes } of refusesOf(prototype, route.handlerName)) addCodes(table, status, ...codes);
  addCodes(table, 500, 'internal-error');
  addCodes(table, 503, 'storage-unavailable');
  return Object.fromEntries(
    [...table.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [String(status), problemResponse(status, [...codes])]),
  );
}
