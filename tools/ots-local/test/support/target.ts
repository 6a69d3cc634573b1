/**
 * Which Tablestore the suite talks to.
 *
 * With OTS_REAL_ENDPOINT, OTS_REAL_INSTANCE, OTS_REAL_ACCESS_KEY_ID and OTS_REAL_ACCESS_KEY_SECRET
 * all set, every file runs against that real instance; otherwise each file starts its own
 * in-memory ots-local in-process. Tests that only make sense locally use `it.skipIf(isReal)`.
 */
import { afterAll, beforeAll } from 'vitest';
import { startOtsLocal, type OtsLocal } from '../../src/index.js';
import { TableStore, type Client, type ClientConfig } from './sdk.js';

export interface Target {
  endpoint: string;
  instanceName: string;
  accessKeyId: string;
  accessKeySecret: string;
}

function realTargetFromEnv(): Target | undefined {
  const endpoint = process.env.OTS_REAL_ENDPOINT;
  const instanceName = process.env.OTS_REAL_INSTANCE;
  const accessKeyId = process.env.OTS_REAL_ACCESS_KEY_ID;
  const accessKeySecret = process.env.OTS_REAL_ACCESS_KEY_SECRET;
  if (endpoint && instanceName && accessKeyId && accessKeySecret) {
    return { endpoint, instanceName, accessKeyId, accessKeySecret };
  }
  return undefined;
}

const realTarget = realTargetFromEnv();

/** True when the suite runs against a real Tablestore instance. */
export const isReal = realTarget !== undefined;

export interface ClientOptions {
  maxSockets?: number;
  /** Socket inactivity timeout in ms (the SDK has none by default). */
  timeout?: number;
  accessKeyId?: string;
  accessKeySecret?: string;
  instanceName?: string;
}

/**
 * A client with retries off (the SDK's retry count is global; every client here sets 0) and a
 * request timeout, so a hang shows up as a failure instead of a stuck test.
 */
export function makeClient(target: Target, options: ClientOptions = {}): Client {
  const config: ClientConfig = {
    accessKeyId: options.accessKeyId ?? target.accessKeyId,
    secretAccessKey: options.accessKeySecret ?? target.accessKeySecret,
    endpoint: target.endpoint,
    instancename: options.instanceName ?? target.instanceName,
    maxRetries: 0,
    httpOptions: { timeout: options.timeout ?? 30_000, maxSockets: options.maxSockets ?? 64 },
  };
  return new TableStore.Client(config);
}

export interface TargetHandle {
  readonly target: Target;
  readonly client: Client;
  /** The in-process server, or undefined against a real instance. */
  readonly local: OtsLocal | undefined;
  newClient(options?: ClientOptions): Client;
}

/**
 * Registers beforeAll/afterAll hooks that start (locally) or select (real) the target for the
 * calling test file. Read the handle's properties inside tests and hooks only.
 */
export function useTarget(): TargetHandle {
  let target: Target | undefined;
  let client: Client | undefined;
  let local: OtsLocal | undefined;

  beforeAll(async () => {
    if (realTarget) {
      target = realTarget;
    } else {
      local = await startOtsLocal({ port: 0, memory: true, log: () => {} });
      target = {
        endpoint: local.endpoint,
        instanceName: local.instanceName,
        accessKeyId: local.accessKeyId,
        accessKeySecret: local.accessKeySecret,
      };
    }
    client = makeClient(target);
  });

  afterAll(async () => {
    await local?.stop();
  });

  return {
    get target(): Target {
      if (!target) throw new Error('target not started: use it inside tests or hooks');
      return target;
    },
    get client(): Client {
      if (!client) throw new Error('target not started: use it inside tests or hooks');
      return client;
    },
    get local(): OtsLocal | undefined {
      return local;
    },
    newClient(options?: ClientOptions): Client {
      if (!target) throw new Error('target not started: use it inside tests or hooks');
      return makeClient(target, options);
    },
  };
}
