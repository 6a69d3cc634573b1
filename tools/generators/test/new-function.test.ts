// `pnpm new-function` end to end, in a scratch copy of the repository: generate pricing at /prices,
// then lint, typecheck, build and test the two new projects with turbo, write the library's API
// report, ask the project graph what a change in the library affects, and call the function
// through the local gateway with a signed request. No file is edited by hand on the way.
import { createRetailClient } from '@retail/client';
import type * as DevModule from '@retail/dev';
import type * as GatewayModule from '@retail/gateway';
import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { idempotencyTable } from '@retail/runtime';
import { createTablestoreClient, ensureTables, type TableDefinition } from '@retail/tablestore';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDist, copyWorkingTree, git, linkDependencies, removeScratch, run, runOk, writeFile } from './support/scratch.js';

const APP = 'apps/pricing';
const LIB = 'packages/pricing';
let root: string;
const node = process.execPath;
const tool = (...path: string[]) => join(root, 'node_modules', ...path);
/** The script a root dependency's package.json names as its bin `name`. */
const bin = (pkg: string, name = pkg) => {
  const { bin: bins } = JSON.parse(readFileSync(tool(pkg, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  return tool(pkg, typeof bins === 'string' ? bins : bins[name]!);
};
const turbo = (...args: string[]) => runOk(root, node, [bin('turbo'), 'run', ...args, '--output-logs=errors-only']);
const read = (file: string) => readFileSync(join(root, file), 'utf8');

beforeAll(() => {
  root = copyWorkingTree();
  // Built by turbo before this test (its dependencies): the plugin `nx g` loads, and the gateway,
  // whose routes table then comes from the copy's apps/*/package.json.
  copyDist(root, 'tools/generators');
  copyDist(root, 'tools/gateway');
  git(root, 'init', '--quiet', '--initial-branch=main');
});

afterAll(() => removeScratch(root));

describe('pnpm new-function pricing --prefix /prices (scratch copy)', () => {
  it('generates the function and its library, tagged, and registered where the workspace does not find them itself', () => {
    runOk(root, node, [bin('nx'), 'g', '@retail/generators:function', 'pricing', '--prefix', '/prices', '--skipInstall']);
    const app = JSON.parse(read(`${APP}/package.json`)) as { nx: { tags: string[] }; retail: unknown };
    const lib = JSON.parse(read(`${LIB}/package.json`)) as { nx: { tags: string[] }; exports: Record<string, unknown> };
    expect(app.nx.tags).toEqual(['type:app', 'scope:pricing']);
    expect(app.retail).toEqual({ function: 'pricing', routes: ['/prices'] });
    expect(lib.nx.tags).toEqual(['type:domain', 'scope:pricing']);
    expect(Object.keys(lib.exports)).toEqual(['.']);
    for (const file of [
      'src/app.ts',
      'src/env.ts',
      'src/index.ts',
      'src/controllers/prices.controller.ts',
      's.yaml',
      'README.md',
    ])
      expect(existsSync(join(root, APP, file)), file).toBe(true);
    for (const file of [
      'src/tables.ts',
      'src/price-store.ts',
      'src/create-price.ts',
      'test/integration/prices.test.ts',
      'README.md',
    ])
      expect(existsSync(join(root, LIB, file)), file).toBe(true);
    const generated = git(root, 'ls-files', '--others', '--exclude-standard', APP, LIB).split('\n').filter(Boolean);
    for (const file of generated) expect(read(file), file).not.toMatch(/TODO|FIXME|<%|__fn__/);
    expect(read('tools/dev/src/tables.ts')).toMatch(
      /import \{ pricingTables \} from '@retail\/pricing';[\s\S]*\.\.\.pricingTables,/,
    );
    expect(read('eslint.config.mjs')).toContain("'scope:pricing': ['scope:pricing', 'scope:shared'],");
    expect(run(root, node, [bin('prettier'), '--check', APP, LIB]).status).toBe(0);
  });

  it('lints, typechecks, builds and tests the new projects with turbo', () => {
    linkDependencies(root, LIB);
    linkDependencies(root, APP);
    // --only: what the new projects depend on is built already (this checkout's packages, linked).
    turbo('build', '--filter=@retail/pricing', '--only');
    turbo('build', '--filter=@retail/app-pricing', '--only');
    turbo('lint', 'typecheck', 'test', '--filter=@retail/pricing', '--filter=@retail/app-pricing', '--only', '--concurrency=2');
    expect(existsSync(join(root, APP, 'dist', 'pricing.zip'))).toBe(true);
  });

  it('is run by pnpm dev, which creates its tables', async () => {
    // tools/dev now depends on the new library: link it as pnpm install would, then build it.
    rmSync(join(root, 'tools', 'dev', 'node_modules'));
    linkDependencies(root, 'tools/dev');
    turbo('build', '--filter=@retail/dev', '--only');
    const dev = (await import(pathToFileURL(join(root, 'tools', 'dev', 'dist', 'index.js')).href)) as typeof DevModule;
    expect(dev.functionApps(root).map((app) => app.name)).toContain('pricing');
    expect(dev.platformTables.map((table) => table.name)).toContain('pricing_prices');
  });

  it('keeps the domain library to its scope: importing another domain fails lint', () => {
    writeFile(
      root,
      `${LIB}/src/uses-coupons.ts`,
      "import { couponsTables } from '@retail/coupons';\n\nexport const all = couponsTables;\n",
    );
    const lint = run(root, node, [bin('eslint'), `${LIB}/src/uses-coupons.ts`]);
    expect(lint.stdout, lint.stderr).toContain('A project tagged with "scope:pricing" can only depend on libs tagged with');
    expect(lint.status).toBe(1);
    rmSync(join(root, LIB, 'src', 'uses-coupons.ts'));
  });

  it("writes the library's public API report, which the check then accepts", () => {
    const reports = join(root, 'tools', 'generators', 'src', 'api-reports.mjs');
    runOk(root, node, [reports, '--update', LIB]);
    expect(read(`${LIB}/etc/pricing.api.md`)).toContain('export class PricingService');
    runOk(root, node, [reports, LIB]);
  });

  it('a change in the new library marks only the new app among the functions', () => {
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--message=base');
    const base = git(root, 'rev-parse', 'HEAD').trim();
    writeFile(root, `${LIB}/src/affected-probe.ts`, 'export const probe = 1;\n');
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--message=change in packages/pricing');
    const script = join(root, 'tools', 'repo-checks', 'src', 'affected-projects.mjs');
    const apps = runOk(root, node, [script, '--base', base, '--head', 'HEAD', '--tag', 'type:app']);
    expect(JSON.parse(apps)).toEqual(['@retail/app-pricing']);
  });

  describe('through the local gateway', () => {
    let ots: OtsLocal;
    let stop: () => Promise<void> = async () => {};

    beforeAll(async () => {
      ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
    });
    afterAll(async () => {
      await stop();
      await ots?.stop();
    });

    it('routes /prices to the built bundle with nothing edited, and answers a signed call', async () => {
      const gateway = (await import(
        pathToFileURL(join(root, 'tools', 'gateway', 'dist', 'index.js')).href
      )) as typeof GatewayModule;
      expect(gateway.ROUTES).toContainEqual({ prefix: '/prices', function: 'pricing' });

      const lib = (await import(pathToFileURL(join(root, LIB, 'dist', 'index.js')).href)) as { pricingTables: TableDefinition[] };
      const config = {
        endpoint: ots.endpoint,
        instanceName: ots.instanceName,
        accessKeyId: ots.accessKeyId,
        accessKeySecret: ots.accessKeySecret,
      };
      const client = createTablestoreClient(config);
      await ensureTables(client, [...lib.pricingTables, idempotencyTable]);
      client.close();

      const env = {
        NODE_ENV: 'development',
        OTS_ENDPOINT: ots.endpoint,
        OTS_INSTANCE: ots.instanceName,
        OTS_ACCESS_KEY_ID: ots.accessKeyId,
        OTS_ACCESS_KEY_SECRET: ots.accessKeySecret,
      };
      const pool = await gateway.poolFromSYaml(join(root, APP), env, { provisioned: 1, log: () => {} });
      await pool.start();
      const channels = gateway.devChannels();
      const started = await gateway.startGateway({ port: 0, channels, upstreams: { pricing: pool }, log: () => {} });
      stop = async () => {
        await started.stop();
        await pool.close();
      };

      const wechat = channels.wechat!;
      const retail = createRetailClient({ baseUrl: started.url, appKey: wechat.appKey, appSecret: wechat.appSecret });
      const created = await retail.transport.call<{ id: string; name: string }>('POST', '/prices', {
        body: { name: 'Spring' },
        idempotencyKey: 'spring-1',
      });
      expect(created).toMatchObject({ id: expect.stringMatching(/^price_/), name: 'Spring' });
      expect(await retail.transport.call('GET', `/prices/${created.id}`)).toEqual(created);
      const replayed = await retail.transport.call('POST', '/prices', { body: { name: 'Spring' }, idempotencyKey: 'spring-1' });
      expect(replayed).toEqual(created);
      const unsigned = await fetch(`${started.url}/prices/${created.id}`);
      expect(unsigned.status).toBe(401);
    });
  });
});
