import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { FaultInjector } from './injector.js';
import { FaultRuleError, parseFaultConfig, parseFaultRule, type FieldProblem } from './validate.js';

/** Where the admin route lives: outside the Tablestore protocol, whose paths are `/<Operation>`. */
export const ADMIN_PREFIX = '/_admin/';
const FAULTS_PATH = '/_admin/faults';
const MAX_BODY_BYTES = 1024 * 1024;

/** Whether a request comes from this machine's loopback interface. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/**
 * The admin route: `GET|PUT|POST|DELETE /_admin/faults`. Answers 404 when the route is off or the
 * caller is not on loopback, so a server bound to another interface never exposes it.
 *
 * @example
 * if (request.url?.startsWith(ADMIN_PREFIX)) return handleAdmin(request, response, faults, log);
 */
export async function handleAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  faults: FaultInjector | undefined,
  log: Logger,
): Promise<void> {
  const path = (request.url ?? '').split('?')[0];
  if (!faults || !isLoopback(request.socket.remoteAddress)) {
    request.resume();
    return problem(response, 404, 'not-found', 'Not found', 'The admin route is off; start ots-local with --admin.');
  }
  if (path !== FAULTS_PATH) {
    request.resume();
    return problem(response, 404, 'not-found', 'Not found', `No admin route ${path}; the faults live at ${FAULTS_PATH}.`);
  }
  try {
    switch (request.method) {
      case 'GET':
        request.resume();
        return json(response, 200, faults.state());
      case 'PUT': {
        const state = faults.set(parseFaultConfig(await readJson(request)));
        log({ level: 'info', event: 'faults-set', rules: state.rules.length, seed: state.seed });
        return json(response, 200, state);
      }
      case 'POST': {
        const rule = faults.add(parseFaultRule(await readJson(request)));
        log({ level: 'info', event: 'fault-added', rule: rule.id, fault: rule.fault });
        return json(response, 201, rule);
      }
      case 'DELETE':
        request.resume();
        faults.clear();
        log({ level: 'info', event: 'faults-cleared' });
        response.writeHead(204).end();
        return;
      default:
        request.resume();
        response.setHeader('allow', 'GET, PUT, POST, DELETE');
        return problem(response, 405, 'method-not-allowed', 'Method not allowed', `${request.method} is not allowed here.`);
    }
  } catch (error) {
    if (!(error instanceof FaultRuleError)) throw error;
    return problem(response, 400, 'validation-failed', 'Invalid fault rules', error.message, error.problems);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FaultRuleError([{ field: '', messages: [`the body exceeds ${MAX_BODY_BYTES} bytes`] }]);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new FaultRuleError([{ field: '', messages: ['must be JSON'] }]);
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function problem(
  response: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: FieldProblem[],
): void {
  const text = JSON.stringify({ type: 'about:blank', title, status, detail, code, ...(errors ? { errors } : {}) });
  response.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
