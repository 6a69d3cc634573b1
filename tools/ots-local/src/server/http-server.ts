import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Database } from '../engine/database.js';
import { OtsError, unsupported } from '../engine/errors.js';
import { ADMIN_PREFIX, handleAdmin } from '../faults/admin.js';
import type { FaultInjector, FaultPlan } from '../faults/injector.js';
import type { Logger } from '../log.js';
import { responseAuthorization, verifyRequest, type Credentials } from './auth.js';
import { OPERATIONS, UNSUPPORTED } from './operations.js';
import { pb } from './proto.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface ServerDeps {
  db: Database;
  credentials: Credentials;
  log: Logger;
  /** Resolves when every change so far is durable; a response waits for it. */
  barrier: () => Promise<void>;
  /** Fault rules to apply to every call; the admin route is served only when given. */
  faults?: FaultInjector | undefined;
  /** Serve `/_admin/faults` (on loopback only). */
  admin?: boolean;
}

/** The Tablestore wire protocol over node:http: POST /<Operation>, protobuf in and out. */
export function createOtsServer(deps: ServerDeps): Server {
  const server = createServer((request, response) => {
    if (request.url?.startsWith(ADMIN_PREFIX))
      void handleAdmin(request, response, deps.admin ? deps.faults : undefined, deps.log);
    else void handle(deps, request, response);
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

async function handle(deps: ServerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const operation = (request.url ?? '/').slice(1).split('?')[0] ?? '';
  let plan: FaultPlan = {};
  try {
    const body = await readBody(request);
    if (request.method !== 'POST') throw new OtsError(405, 'OTSMethodNotAllowed', `Method ${request.method} is not allowed.`);
    verifyRequest(operation, request.headers, body, deps.credentials, Date.now());
    const run = OPERATIONS[operation];
    if (!run) {
      const feature = UNSUPPORTED[operation];
      if (feature) throw unsupported(`ots-local does not support ${feature} (${operation}); use a real Tablestore instance.`);
      throw new OtsError(400, 'OTSParameterInvalid', `Unsupported operation: '${operation}'.`);
    }
    const decoded = decode(operation, body);
    if (deps.faults) plan = await deps.faults.before(operation, decoded);
    const result = run(deps.db, decoded);
    deps.faults?.applied(operation, decoded, result);
    const payload = pb[`${operation}Response`]!.encode(result).finish();
    await deps.barrier();
    if (plan.lose) return deps.faults!.lose(response, plan.lose); // applied and durable; the answer never arrives
    send(deps, response, operation, requestId, 200, payload);
  } catch (error) {
    const failure = asOtsError(error, deps.log, requestId, operation);
    // A refusal changed nothing, but earlier writes it may have observed must be durable first.
    await deps.barrier().catch(() => undefined);
    if (plan.lose) return deps.faults!.lose(response, plan.lose);
    // An empty code is an injected bare 503: no body, as from a proxy in front of the service.
    const payload = failure.code ? pb.Error!.encode({ code: failure.code, message: failure.message }).finish() : new Uint8Array();
    send(deps, response, operation, requestId, failure.status, payload);
  }
}

function decode(operation: string, body: Buffer) {
  try {
    return pb[`${operation}Request`]!.decode(body);
  } catch (error) {
    throw new OtsError(400, 'OTSParameterInvalid', `Invalid ${operation} request: ${(error as Error).message}.`);
  }
}

function asOtsError(error: unknown, log: Logger, requestId: string, operation: string): OtsError {
  if (error instanceof OtsError) return error;
  log({ level: 'error', event: 'internal-error', requestId, operation, error: String(error), stack: (error as Error)?.stack });
  return new OtsError(500, 'OTSInternalServerError', 'Internal server error.');
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      request.resume();
      reject(
        new OtsError(413, 'OTSRequestBodyTooLarge', `The request body is ${declared} bytes; the limit is ${MAX_BODY_BYTES}.`),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES)
        reject(new OtsError(413, 'OTSRequestBodyTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`));
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function send(
  deps: ServerDeps,
  response: ServerResponse,
  operation: string,
  requestId: string,
  status: number,
  payload: Uint8Array,
): void {
  const body = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const headers: Record<string, string> = {
    'x-ots-contentmd5': createHash('md5').update(body).digest('base64'),
    'x-ots-contenttype': 'protocol buffer',
    'x-ots-date': new Date().toISOString(),
    'x-ots-requestid': requestId,
  };
  response.writeHead(status, {
    ...headers,
    authorization: responseAuthorization(operation, headers, deps.credentials),
    'content-length': body.length,
  });
  response.end(body);
}
