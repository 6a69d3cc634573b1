import { TablestoreConfigError } from './errors.js';
import type { TablestoreConfig } from './types/config.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the client configuration from an environment object: the only function that looks at
 * environment variables, and it takes them as a parameter (pass `process.env` at start-up).
 *
 * - `OTS_ENDPOINT`, `OTS_INSTANCE`: required.
 * - keys: `OTS_ACCESS_KEY_ID` + `OTS_ACCESS_KEY_SECRET` when set; otherwise Function Compute's
 *   `ALIBABA_CLOUD_ACCESS_KEY_ID` + `ALIBABA_CLOUD_ACCESS_KEY_SECRET` + `ALIBABA_CLOUD_SECURITY_TOKEN`.
 *
 * Throws a TablestoreConfigError naming every missing or invalid variable.
 *
 * @example
 * const client = createTablestoreClient(tablestoreConfigFromEnv(process.env));
 */
export function tablestoreConfigFromEnv(env: Env): TablestoreConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const endpoint = get('OTS_ENDPOINT');
  const instanceName = get('OTS_INSTANCE');
  if (!endpoint) problems.push('OTS_ENDPOINT is not set');
  else if (!/^https?:\/\/[^/\s]+/.test(endpoint)) problems.push(`OTS_ENDPOINT must be an http(s) URL, got '${endpoint}'`);
  if (!instanceName) problems.push('OTS_INSTANCE is not set');

  const ownId = get('OTS_ACCESS_KEY_ID');
  const ownSecret = get('OTS_ACCESS_KEY_SECRET');
  let accessKeyId: string | undefined;
  let accessKeySecret: string | undefined;
  let securityToken: string | undefined;
  if (ownId || ownSecret) {
    if (!ownId) problems.push('OTS_ACCESS_KEY_ID is not set (OTS_ACCESS_KEY_SECRET is)');
    if (!ownSecret) problems.push('OTS_ACCESS_KEY_SECRET is not set (OTS_ACCESS_KEY_ID is)');
    accessKeyId = ownId;
    accessKeySecret = ownSecret;
  } else {
    accessKeyId = get('ALIBABA_CLOUD_ACCESS_KEY_ID');
    accessKeySecret = get('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    securityToken = get('ALIBABA_CLOUD_SECURITY_TOKEN');
    if (!accessKeyId && !accessKeySecret) {
      problems.push(
        'no access key: set OTS_ACCESS_KEY_ID and OTS_ACCESS_KEY_SECRET (or run where ALIBABA_CLOUD_ACCESS_KEY_ID is provided)',
      );
    } else {
      if (!accessKeyId) problems.push('ALIBABA_CLOUD_ACCESS_KEY_ID is not set (ALIBABA_CLOUD_ACCESS_KEY_SECRET is)');
      if (!accessKeySecret) problems.push('ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set (ALIBABA_CLOUD_ACCESS_KEY_ID is)');
    }
  }
  if (problems.length > 0 || !endpoint || !instanceName || !accessKeyId || !accessKeySecret) {
    throw new TablestoreConfigError(`Tablestore configuration: ${problems.join('; ')}`);
  }
  return { endpoint, instanceName, accessKeyId, accessKeySecret, securityToken };
}

/** Checks a config object built in code; throws a TablestoreConfigError naming the bad field. */
export function checkConfig(config: TablestoreConfig): void {
  const problems: string[] = [];
  for (const field of ['endpoint', 'instanceName', 'accessKeyId', 'accessKeySecret'] as const) {
    if (typeof config[field] !== 'string' || config[field].trim() === '') problems.push(`${field} is missing`);
  }
  if (typeof config.endpoint === 'string' && !/^https?:\/\/[^/\s]+/.test(config.endpoint)) {
    problems.push(`endpoint must be an http(s) URL, got '${config.endpoint}'`);
  }
  for (const field of ['requestTimeoutMs', 'maxSockets', 'idleSocketTimeoutMs'] as const) {
    const v = config[field];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) problems.push(`${field} must be a positive number`);
  }
  if (problems.length > 0) throw new TablestoreConfigError(`Tablestore configuration: ${problems.join('; ')}`);
}
