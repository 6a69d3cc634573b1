/**
 * Reads the instance settings of a function from the fc3 `s.yaml` that deploys it (ALIBABA.md §3), so
 * that the local pool runs the function the way FC is told to.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { GatewayConfigError } from '../errors.js';
import { FunctionPool, type FunctionPoolOptions } from './pool.js';

/** What the pool needs from one fc3 resource of an s.yaml. */
export interface FunctionConfig {
  /** The resource id (`member` in `resources.member`). */
  resource: string;
  /** `props.functionName` (`retail-member`). */
  functionName: string;
  /** `props.timeout` in seconds (fc3 default 3). */
  timeoutSeconds: number;
  /** `props.instanceConcurrency` (default 1). */
  instanceConcurrency: number;
  /** `props.provisionConfig.defaultTarget` (default 0). */
  provisioned: number;
  /** `props.environmentVariables` whose values are literal (no `${...}` left to resolve). */
  environment: Record<string, string>;
}

/**
 * Reads `timeout`, `instanceConcurrency`, `provisionConfig.defaultTarget` and the literal
 * `environmentVariables` of the fc3 resource `resource` (default: the only fc3 resource).
 *
 * @example
 * const config = await loadFunctionConfig('apps/member/s.yaml');
 * // { resource: 'member', functionName: 'retail-member', timeoutSeconds: 10, instanceConcurrency: 50, provisioned: 2, ... }
 */
export async function loadFunctionConfig(sYamlPath: string, resource?: string): Promise<FunctionConfig> {
  const fail = (message: string) => new GatewayConfigError(`${sYamlPath}: ${message}`);
  let document: unknown;
  try {
    document = parse(await readFile(sYamlPath, 'utf8'));
  } catch (error) {
    throw new GatewayConfigError(`${sYamlPath}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  const resources = record(record(document)?.resources);
  if (!resources) throw fail('no resources');
  const fc3 = Object.entries(resources).filter(([, value]) => record(value)?.component === 'fc3');
  const chosen = resource === undefined ? fc3 : fc3.filter(([id]) => id === resource);
  if (chosen.length !== 1) {
    throw fail(
      resource === undefined
        ? `expected exactly one fc3 resource, found ${fc3.length} (${fc3.map(([id]) => id).join(', ')}); name one`
        : `no fc3 resource '${resource}'`,
    );
  }
  const [id, value] = chosen[0]!;
  const props = record(record(value)?.props) ?? {};
  const integer = (name: string, raw: unknown, fallback: number, min: number, max: number): number => {
    if (raw === undefined || raw === null) return fallback;
    const number = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max)
      throw fail(`resources.${id}.props.${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return number;
  };
  const environment: Record<string, string> = {};
  for (const [key, raw] of Object.entries(record(props.environmentVariables) ?? {})) {
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
    if (text !== undefined && !text.includes('${')) environment[key] = text;
  }
  return {
    resource: id,
    functionName: typeof props.functionName === 'string' ? props.functionName : id,
    timeoutSeconds: integer('timeout', props.timeout, 3, 1, 86_400),
    instanceConcurrency: integer('instanceConcurrency', props.instanceConcurrency, 1, 1, 200),
    provisioned: integer('provisionConfig.defaultTarget', record(props.provisionConfig)?.defaultTarget, 0, 0, 10_000),
    environment,
  };
}

/** What {@link poolFromSYaml} lets a caller change from the s.yaml's settings. */
export type FunctionPoolOverrides = Partial<Omit<FunctionPoolOptions, 'env'>> & {
  /** The fc3 resource to read when the s.yaml has more than one. */
  resource?: string;
};

/**
 * A pool for the app in `appDir`: its bundle `dist/index.js`, the settings of its `s.yaml`, and
 * `env` over the s.yaml's literal environment variables. `name` defaults to the resource id.
 *
 * @example
 * const member = await poolFromSYaml('apps/member', { OTS_ENDPOINT: ots.endpoint, ... }, { provisioned: 1 });
 * await member.start();
 */
export async function poolFromSYaml(
  appDir: string,
  env: Record<string, string | undefined>,
  overrides: FunctionPoolOverrides = {},
): Promise<FunctionPool> {
  const { resource, ...rest } = overrides;
  const dir = resolve(appDir);
  const config = await loadFunctionConfig(join(dir, 's.yaml'), resource);
  return new FunctionPool({
    name: config.resource,
    bundle: join(dir, 'dist', 'index.js'),
    instanceConcurrency: config.instanceConcurrency,
    provisioned: config.provisioned,
    timeoutMs: config.timeoutSeconds * 1000,
    ...rest,
    env: { ...config.environment, ...env },
  });
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
