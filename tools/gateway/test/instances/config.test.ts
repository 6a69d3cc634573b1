import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayConfigError, loadFunctionConfig, poolFromSYaml, type FunctionPool } from '../../src/index.js';
import { get, who, writeFakeApp, type FakeApp } from './fake-bundle.js';

const MEMBER_S_YAML = join(import.meta.dirname, '..', '..', '..', '..', 'apps', 'member', 's.yaml');

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function fakeApp(sYaml: string): Promise<FakeApp> {
  const app = await writeFakeApp(sYaml);
  cleanup.push(app.remove);
  return app;
}

const S_YAML = `edition: 3.0.0
name: demo
vars:
  endpoint: \${env('OTS_ENDPOINT')}
resources:
  demo:
    component: fc3
    props:
      functionName: retail-demo
      timeout: 2
      instanceConcurrency: 3
      environmentVariables:
        GREETING: hello
        OTS_ENDPOINT: \${vars.endpoint}
      provisionConfig:
        defaultTarget: 1
`;

describe('loadFunctionConfig', () => {
  it("reads the member function's instance settings from its s.yaml", async () => {
    expect(await loadFunctionConfig(MEMBER_S_YAML)).toEqual({
      resource: 'member',
      functionName: 'retail-member',
      timeoutSeconds: 10,
      instanceConcurrency: 50,
      provisioned: 2,
      environment: { NODE_ENV: 'production', FUNCTION_TIMEOUT_SECONDS: '10' },
    });
  });

  it('uses the fc3 defaults and refuses bad values or an ambiguous file', async () => {
    const bare = await fakeApp('resources:\n  api:\n    component: fc3\n    props: { functionName: api }\n');
    expect(await loadFunctionConfig(join(bare.dir, 's.yaml'))).toMatchObject({
      timeoutSeconds: 3,
      instanceConcurrency: 1,
      provisioned: 0,
    });

    const bad = await fakeApp('resources:\n  api:\n    component: fc3\n    props: { instanceConcurrency: 500 }\n');
    await expect(loadFunctionConfig(join(bad.dir, 's.yaml'))).rejects.toThrow(
      /instanceConcurrency must be an integer from 1 to 200/,
    );

    const two = await fakeApp('resources:\n  a: { component: fc3, props: {} }\n  b: { component: fc3, props: { timeout: 5 } }\n');
    await expect(loadFunctionConfig(join(two.dir, 's.yaml'))).rejects.toBeInstanceOf(GatewayConfigError);
    expect(await loadFunctionConfig(join(two.dir, 's.yaml'), 'b')).toMatchObject({ resource: 'b', timeoutSeconds: 5 });

    await expect(loadFunctionConfig(join(bare.dir, 'missing.yaml'))).rejects.toThrow(/cannot read/);
  });
});

describe('poolFromSYaml', () => {
  it('builds a pool from the app directory: its bundle, s.yaml settings, literal env under the given env', async () => {
    const app = await fakeApp(S_YAML);
    const pool: FunctionPool = await poolFromSYaml(app.dir, { EXTRA: '1' }, { maxInstances: 2 });
    cleanup.push(() => pool.close());
    expect(pool).toMatchObject({
      name: 'demo',
      bundle: app.bundle,
      instanceConcurrency: 3,
      provisioned: 1,
      maxInstances: 2,
      timeoutMs: 2000,
    });
    await pool.start();
    expect(pool.instances()).toMatchObject([{ state: 'ready', provisioned: true }]);
    const answer = who(await get(pool, '/pid'));
    expect(answer).toMatchObject({ instance: 'demo-1', function: 'demo' });
  });
});
