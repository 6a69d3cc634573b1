import type { InitContext } from '@retail/runtime';
import { tablestoreConfigFromEnv, type TablestoreConfig } from '@retail/tablestore';

/** The coupons function's settings: the one place its environment is read. */
export interface CouponsEnv {
  tablestore: TablestoreConfig;
  /** The function's timeout (s.yaml `timeout`): how long an idempotency claim holds. */
  functionTimeoutMs: number;
  /** Custom-runtime port. */
  port: number;
  /**
   * `COUPON_CLAIM_GRACE_SECONDS`: a claim's hold or slot this old with no coupon counts as abandoned
   * (it must exceed the function timeout); unset: the library's 60 s. Short graces are for tests.
   */
  claimGraceMs: number | undefined;
}

/** How this process was started: `node index.js --serve` runs the custom-runtime server on FC_SERVER_PORT. */
export function serveOptions(): { serve: boolean; port: number } {
  return { serve: process.argv.includes('--serve'), port: Number(process.env.FC_SERVER_PORT ?? 9000) };
}

export function loadEnv({ env, credentials }: InitContext): CouponsEnv {
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
    claimGraceMs: optionalSeconds(env, 'COUPON_CLAIM_GRACE_SECONDS', timeoutSeconds + 1),
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
