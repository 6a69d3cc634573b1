import http from 'node:http';
import https from 'node:https';
import { checkConfig } from './config.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { TableStore, type SdkClient } from './sdk/sdk.js';
import type { RetryEvent, RetryPolicy, TablestoreConfig } from './types/config.js';

/** A configured connection to one instance. Create one per process and pass it around. */
export interface TablestoreClient {
  readonly endpoint: string;
  readonly instanceName: string;
  /** Closes idle keep-alive sockets (in-flight requests finish). */
  close(): void;
}

/** What operations need from a client; kept out of the public type. */
export interface ClientInternals {
  readonly sdk: SdkClient;
  readonly retry: RetryPolicy;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
}

const internals = new WeakMap<TablestoreClient, ClientInternals>();

/**
 * Creates the client: the SDK with its own retries off (`maxRetries: 0`: they never retry writes
 * and their code list never matches), a request timeout and a keep-alive agent. The layer's own
 * retry policy applies instead (see docs/decisions/0002-tablestore-retry-policy.md).
 *
 * @example
 * const client = createTablestoreClient({ endpoint, instanceName, accessKeyId, accessKeySecret });
 */
export function createTablestoreClient(config: TablestoreConfig): TablestoreClient {
  checkConfig(config);
  const secure = config.endpoint.startsWith('https:');
  const maxSockets = config.maxSockets ?? 64;
  const agentOptions = {
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    // On an agent this times out free sockets only; the SDK sets the request timeout itself.
    timeout: config.idleSocketTimeoutMs ?? 10_000,
  };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const sdk = new TableStore.Client({
    endpoint: config.endpoint,
    instancename: config.instanceName,
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    ...(config.securityToken ? { stsToken: config.securityToken } : {}),
    maxRetries: 0,
    httpOptions: { timeout: config.requestTimeoutMs ?? 3000, agent },
  });
  const client: TablestoreClient = {
    endpoint: config.endpoint,
    instanceName: config.instanceName,
    close: () => agent.destroy(),
  };
  internals.set(client, {
    sdk,
    retry: { ...DEFAULT_RETRY_POLICY, ...config.retry },
    onRetry: config.onRetry,
  });
  return client;
}

/** The SDK client and policy behind a client made by `createTablestoreClient`. */
export function clientInternals(client: TablestoreClient): ClientInternals {
  const found = internals.get(client);
  if (!found) throw new TypeError('not a client made by createTablestoreClient');
  return found;
}
