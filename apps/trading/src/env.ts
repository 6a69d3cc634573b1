import type { InitContext } from '@retail/runtime';
import { tablestoreConfigFromEnv, type TablestoreConfig } from '@retail/tablestore';

/** The trading function's settings: the one place its environment is read. */
export interface TradingEnv {
  tablestore: TablestoreConfig;
  /** The function's timeout (s.yaml `timeout`): how long an idempotency claim holds. */
  functionTimeoutMs: number;
  /** Custom-runtime port. */
  port: number;
  /** `ORDER_PAYMENT_WINDOW_SECONDS`: how long an order waits for payment; unset: the library's 15 minutes (API.md). */
  paymentWindowMs: number | undefined;
  /**
   * `REPAIR_AFTER_SECONDS`: half-made work this old is repaired (no live request can still be doing
   * it, so it must exceed the function timeout); unset: the library's 60 s. Short windows are for tests.
   */
  repairAfterMs: number | undefined;
}

/**
 * How this process was started: `node index.js --serve` runs the custom-runtime server on FC_SERVER_PORT.
 *
 * @example
 * const { serve, port } = serveOptions();
 */
export function serveOptions(): { serve: boolean; port: number } {
  return { serve: process.argv.includes('--serve'), port: Number(process.env.FC_SERVER_PORT ?? 9000) };
}

/**
 * The settings from FC's environment and keys; throws naming what is missing or invalid.
 *
 * @example
 * const env = loadEnv({ env: process.env });
 */
export function loadEnv({ env, credentials }: InitContext): TradingEnv {
  const tablestore = tablestoreConfigFromEnv(env);
  const timeoutSeconds = Number(env.FUNCTION_TIMEOUT_SECONDS ?? 10);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1)
    throw new Error(`FUNCTION_TIMEOUT_SECONDS must be a positive integer, got '${env.FUNCTION_TIMEOUT_SECONDS}'.`);
  return {
    // On FC the role's STS keys come with each instance; they win over the environment's.
    tablestore: credentials
      ? {
          ...tablestore,
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          securityToken: credentials.securityToken,
        }
      : tablestore,
    functionTimeoutMs: timeoutSeconds * 1000,
    port: Number(env.FC_SERVER_PORT ?? 9000),
    paymentWindowMs: optionalSeconds(env, 'ORDER_PAYMENT_WINDOW_SECONDS', 1),
    repairAfterMs: optionalSeconds(env, 'REPAIR_AFTER_SECONDS', timeoutSeconds + 1),
  };
}

/** An optional whole number of seconds, at least `min`, as milliseconds; throws naming the variable. */
function optionalSeconds(env: InitContext['env'], name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < min)
    throw new Error(`${name} must be an integer of at least ${min} seconds, got '${raw}'.`);
  return seconds * 1000;
}
