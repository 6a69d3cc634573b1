// What CI tests and deploys is what this script prints: checked in a scratch git repository made
// from the working tree, one commit per change, against the node_modules of this checkout.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affectedProjects } from '../src/affected-projects.mjs';
import { copyWorkingTree, git, removeScratch, repoRoot, writeFiles } from './support/scratch.js';

let root: string;
let base: string;

beforeAll(() => {
  root = copyWorkingTree();
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '--message=base');
  base = git(root, 'rev-parse', 'HEAD').trim();
});

afterAll(() => removeScratch(root));

/** Commits a new file in `projectDir` on top of the base commit and returns what it affects. */
function affectedByChangeIn(projectDir: string, tag?: string): string[] {
  git(root, 'checkout', '--quiet', '--detach', base);
  writeFiles(root, { [`${projectDir}/src/affected-probe.ts`]: 'export const probe = 1;\n' });
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', `--message=change in ${projectDir}`);
  return affectedProjects({ base, head: 'HEAD', tag, cwd: root });
}

const exists = (dir: string) => existsSync(join(repoRoot, dir, 'package.json'));
const nameOf = (dir: string) => (JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as { name: string }).name;
/** Every app: a folder under apps/ with a package.json. */
const allApps = () =>
  existsSync(join(repoRoot, 'apps'))
    ? readdirSync(join(repoRoot, 'apps'))
        .map((name) => `apps/${name}`)
        .filter(exists)
        .map(nameOf)
        .sort()
    : [];

describe('affected projects (scratch repository)', () => {
  it('marks nothing when nothing changed', () => {
    expect(affectedProjects({ base, head: base, cwd: root })).toEqual([]);
  });

  it('marks @retail/tablestore for a change in packages/tablestore, and not what it depends on', () => {
    const affected = affectedByChangeIn('packages/tablestore');
    expect(affected).toContain('@retail/tablestore');
    // ots-local is a dependency of tablestore (its tests start it), not a dependent.
    expect(affected).not.toContain('@retail/ots-local');
    expect(affected).not.toContain('@retail/repo-checks');
  });

  it('marks the dependents of @retail/ots-local (tablestore tests against it) for a change in tools/ots-local', () => {
    const affected = affectedByChangeIn('tools/ots-local');
    expect(affected).toContain('@retail/ots-local');
    expect(affected).toContain('@retail/tablestore');
    expect(affected).not.toContain('@retail/repo-checks');
  });

  it('filters by tag: a change in tools/repo-checks affects no type:tool project but repo-checks itself', () => {
    expect(affectedByChangeIn('tools/repo-checks', 'type:tool')).toEqual(['@retail/repo-checks']);
  });

  it('a change in tools/ots-local marks the tools built on it (the gateway tests, pnpm dev, the rehearsals, the generator tests)', () => {
    expect(affectedByChangeIn('tools/ots-local', 'type:tool')).toEqual([
      '@retail/chaos',
      '@retail/dev',
      '@retail/gateway',
      '@retail/generators',
      '@retail/ots-local',
      '@retail/rehearse',
    ]);
  });

  it('marks every project when nx.json changes', () => {
    git(root, 'checkout', '--quiet', '--detach', base);
    writeFiles(root, { 'nx.json': `${readFileSync(join(root, 'nx.json'), 'utf8')}\n` });
    git(root, 'commit', '--quiet', '--all', '--message=nx.json');
    expect(affectedProjects({ base, head: 'HEAD', cwd: root })).toEqual(
      expect.arrayContaining(['@retail/ots-local', '@retail/repo-checks', '@retail/tablestore']),
    );
  });

  // Which functions a domain change deploys: the ones whose code can reach it, no other.
  const domains = ['member', 'coupons', 'stores', 'trading'];
  const allExist = () => domains.every((d) => exists(`apps/${d}`) && exists(`packages/${d}`));
  const apps = (...names: string[]) => names.map((n) => nameOf(`apps/${n}`)).sort();

  it.skipIf(!allExist())(
    'a change in packages/coupons marks apps/coupons and apps/trading, not apps/stores or apps/member',
    () => {
      expect(affectedByChangeIn('packages/coupons', 'type:app')).toEqual(apps('coupons', 'trading'));
    },
  );

  it.skipIf(!allExist())('a change in packages/stores marks apps/stores and apps/trading', () => {
    expect(affectedByChangeIn('packages/stores', 'type:app')).toEqual(apps('stores', 'trading'));
  });

  it.skipIf(!allExist())('a change in packages/trading marks apps/trading alone', () => {
    expect(affectedByChangeIn('packages/trading', 'type:app')).toEqual(apps('trading'));
  });

  it.skipIf(!allExist())('a change in packages/member marks the functions that look members up, not apps/stores', () => {
    expect(affectedByChangeIn('packages/member', 'type:app')).toEqual(apps('coupons', 'member', 'trading'));
  });

  it.skipIf(!exists('apps/member') || !exists('packages/core'))('marks every app for a change in packages/core', () => {
    expect(affectedByChangeIn('packages/core', 'type:app')).toEqual(allApps());
  });
});
