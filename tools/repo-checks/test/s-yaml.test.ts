import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// Every function's Serverless Devs description is checked here, since no cloud is reachable:
// it parses, names what fc3 requires, deploys the zip its build produces, and holds no secret.
const root = join(import.meta.dirname, '..', '..', '..');
const apps = readdirSync(join(root, 'apps')).filter((name) => existsSync(join(root, 'apps', name, 's.yaml')));

interface Props {
  region?: string;
  functionName?: string;
  runtime?: string;
  code?: string;
  handler?: string;
  memorySize?: number;
  cpu?: number;
  timeout?: number;
  instanceConcurrency?: number;
  environmentVariables?: Record<string, string>;
  instanceLifecycleConfig?: { initializer?: { handler?: string; timeout?: number } };
  logConfig?: { project?: string; logstore?: string };
  provisionConfig?: { defaultTarget?: number };
  triggers?: { triggerName: string; triggerType: string; triggerConfig: Record<string, unknown> }[];
}

const SECRET = /SECRET|PASSWORD|ACCESS_KEY|TOKEN/i;
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']);

describe('s.yaml of every function', () => {
  it('exists for every app', () => {
    expect(apps.length).toBeGreaterThan(0);
    expect(readdirSync(join(root, 'apps')).sort()).toEqual([...apps].sort());
  });

  describe.each(apps)('apps/%s', (app) => {
    const text = readFileSync(join(root, 'apps', app, 's.yaml'), 'utf8');
    const spec = parse(text) as {
      edition?: string;
      name?: string;
      resources?: Record<string, { component?: string; props?: Props }>;
    };
    const resources = Object.values(spec.resources ?? {});
    const props = resources[0]?.props ?? {};

    it('is an fc3 description with one function resource', () => {
      expect(spec.edition).toBe('3.0.0');
      expect(spec.name).toBeTruthy();
      expect(resources).toHaveLength(1);
      expect(resources[0]!.component).toBe('fc3');
    });

    it('names region, function name and a Node.js 20 runtime with the FC entry points', () => {
      expect(props.region).toBeTruthy();
      expect(props.functionName).toMatch(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/);
      expect(props.runtime).toBe('nodejs20');
      expect(props.handler).toBe('index.handler');
      expect(props.instanceLifecycleConfig?.initializer?.handler).toBe('index.initialize');
    });

    it('deploys the zip its build writes', () => {
      expect(props.code).toBe(`./dist/${app}.zip`);
      const tsup = readFileSync(join(root, 'apps', app, 'tsup.config.ts'), 'utf8');
      expect(tsup).toContain(`functionBundle({ name: '${app}' })`);
    });

    it('sizes the instance within what FC 3.0 accepts', () => {
      const memory = props.memorySize!;
      expect(memory % 64).toBe(0);
      expect(memory).toBeGreaterThanOrEqual(128);
      expect(memory).toBeLessThanOrEqual(32768);
      const gbPerCpu = memory / 1024 / props.cpu!;
      expect(gbPerCpu).toBeGreaterThanOrEqual(1);
      expect(gbPerCpu).toBeLessThanOrEqual(4);
      expect(props.timeout).toBeGreaterThanOrEqual(1);
      expect(props.timeout).toBeLessThanOrEqual(86400);
      expect(props.instanceConcurrency).toBeGreaterThanOrEqual(1);
      expect(props.instanceConcurrency).toBeLessThanOrEqual(200);
      expect(props.provisionConfig?.defaultTarget ?? 0).toBeGreaterThanOrEqual(0);
    });

    it('tells the function its timeout, and carries no secret', () => {
      const env = props.environmentVariables ?? {};
      expect(env.FUNCTION_TIMEOUT_SECONDS).toBe(String(props.timeout));
      expect(Object.keys(env).filter((name) => SECRET.test(name))).toEqual([]);
      expect(env.OTS_ENDPOINT).toBeTruthy();
      expect(env.OTS_INSTANCE).toBeTruthy();
    });

    it('ships logs to Log Service and has an HTTP trigger', () => {
      expect(props.logConfig?.project).toBeTruthy();
      expect(props.logConfig?.logstore).toBeTruthy();
      const http = props.triggers?.find((trigger) => trigger.triggerType === 'http');
      expect(http).toBeDefined();
      expect(['anonymous', 'function', 'jwt']).toContain(http!.triggerConfig.authType);
      const methods = http!.triggerConfig.methods as string[];
      expect(methods.length).toBeGreaterThan(0);
      expect(methods.every((method) => METHODS.has(method))).toBe(true);
    });
  });
});
