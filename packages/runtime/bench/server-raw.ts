/**
 * The baseline: plain node:http answering the same JSON, routing by hand, and for the POST
 * reading the body, parsing it and checking it by hand with the same rules as the DTO
 * (including what class-validator's whitelist/forbidNonWhitelisted refuses: unknown properties).
 * Its responses carry the same headers as the runtime's (Content-Type, Location, Content-Length,
 * X-Request-Id echoing the gateway's id), so both put the same bytes on the wire. No logging, no
 * metrics, no checks on the request id.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, IncomingHttpHeaders, ServerResponse } from 'node:http';
import { memberView, placeOrder, RULES, type OrderInput } from './domain.js';
import { serve } from './serve.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const BODY_LIMIT_BYTES = 1024 * 1024;
const MEMBERS = '/members/';

interface FieldProblem {
  field: string;
  messages: string[];
}

serve((req, res) => {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  if (req.method === 'GET' && path.startsWith(MEMBERS) && path.length > MEMBERS.length && !path.includes('/', MEMBERS.length)) {
    const channel = req.headers['x-retail-channel'];
    const body = JSON.stringify(memberView(path.slice(MEMBERS.length), Array.isArray(channel) ? channel[0] : channel));
    return send(req, res, 200, JSON_TYPE, body);
  }
  if (req.method === 'POST' && (path === '/orders' || path === '/orders/')) return void createOrder(req, res);
  return refuse(req, res, 404, 'not-found', `No route for ${req.method} ${path}.`);
});

function createOrder(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > BODY_LIMIT_BYTES) return refuse(req, res, 413, 'payload-too-large', 'The body is too large.');
    const type = req.headers['content-type'];
    if (type && !type.includes('json')) return refuse(req, res, 415, 'unsupported-media-type', 'Send JSON.');
    let json: unknown;
    try {
      json = size === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      return refuse(req, res, 400, 'invalid-json', `The body is not valid JSON: ${(error as Error).message}`);
    }
    const problems = checkOrder(json);
    if (problems.length > 0) return refuse(req, res, 400, 'validation-failed', 'The request is invalid.', problems);
    const { location, body } = placeOrder(json as OrderInput);
    send(req, res, 201, JSON_TYPE, JSON.stringify(body), location);
  });
}

/** The DTO's rules, by hand; every problem is collected, as class-validator does. */
function checkOrder(input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isObject(input)) return [{ field: 'body', messages: ['must be a JSON object'] }];
  unknownProperties(input, ORDER_KEYS, '', problems);
  checkId(input.memberId, 'memberId', problems);
  checkId(input.storeId, 'storeId', problems);
  const items = input.items;
  if (!Array.isArray(items)) {
    problems.push({ field: 'items', messages: ['items must be an array'] });
  } else {
    if (items.length < RULES.items[0] || items.length > RULES.items[1]) {
      problems.push({ field: 'items', messages: [`items must contain ${RULES.items[0]} to ${RULES.items[1]} elements`] });
    }
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const field = `items[${i}]`;
      if (!isObject(item)) {
        problems.push({ field, messages: ['nested property must be either object or array'] });
        continue;
      }
      unknownProperties(item, LINE_KEYS, `${field}.`, problems);
      checkId(item.sku, `${field}.sku`, problems);
      checkInt(item.quantity, `${field}.quantity`, RULES.quantity, problems);
      checkInt(item.unitPriceCents, `${field}.unitPriceCents`, RULES.unitPriceCents, problems);
    }
  }
  return problems;
}

const ORDER_KEYS = new Set(['memberId', 'storeId', 'items']);
const LINE_KEYS = new Set(['sku', 'quantity', 'unitPriceCents']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownProperties(value: Record<string, unknown>, known: Set<string>, prefix: string, problems: FieldProblem[]): void {
  for (const key in value)
    if (!known.has(key)) problems.push({ field: prefix + key, messages: [`property ${prefix + key} should not exist`] });
}

function checkId(value: unknown, field: string, problems: FieldProblem[]): void {
  if (typeof value !== 'string') problems.push({ field, messages: [`${field} must be a string`] });
  else if (value.length < RULES.idLength[0] || value.length > RULES.idLength[1]) {
    problems.push({ field, messages: [`${field} must be between ${RULES.idLength[0]} and ${RULES.idLength[1]} characters`] });
  }
}

function checkInt(value: unknown, field: string, [min, max]: readonly [number, number], problems: FieldProblem[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value))
    problems.push({ field, messages: [`${field} must be an integer number`] });
  else if (value < min || value > max) problems.push({ field, messages: [`${field} must be between ${min} and ${max}`] });
}

function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  detail: string,
  errors?: FieldProblem[],
): void {
  send(
    req,
    res,
    status,
    PROBLEM_TYPE,
    JSON.stringify({ type: `/problems/${code}`, status, code, detail, ...(errors ? { errors } : {}) }),
  );
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, location?: string): void {
  const headers: Record<string, string> = { 'content-type': type };
  if (location !== undefined) headers.location = location;
  headers['x-request-id'] = requestId(req.headers);
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
}

function requestId(headers: IncomingHttpHeaders): string {
  const id = headers['x-ca-request-id'];
  return typeof id === 'string' ? id : randomUUID();
}
