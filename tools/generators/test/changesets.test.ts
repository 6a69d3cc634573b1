// pnpm changeset:check in a scratch git repository holding the workspace's manifests: a change to
// a library's source without a changeset fails, one naming the library and its bump passes, and
// `changeset version` (the release step) writes the version and the changelog.
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChangesets } from '../src/changeset-check.mjs';
import { git, projects, removeScratch, repoRoot, run, runOk, writeFile } from './support/scratch.js';

let root: string;
let base: string;
const check = () => checkChangesets({ root, since: base });
const cli = () =>
  run(root, process.execPath, [
    join(repoRoot, 'tools', 'generators', 'src', 'changeset-check.mjs'),
    '--root',
    root,
    '--since',
    base,
  ]);
const commit = (message: string) => {
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', `--message=${message}`);
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'retail-changesets-'));
  for (const file of [
    'package.json',
    'pnpm-workspace.yaml',
    '.changeset/config.json',
    '.changeset/README.md',
    ...projects(repoRoot).map((dir) => `${dir}/package.json`),
  ])
    cpSync(join(repoRoot, file), join(root, file));
  cpSync(join(repoRoot, 'packages/core/src'), join(root, 'packages/core/src'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  git(root, 'init', '--quiet', '--initial-branch=main');
  commit('base');
  base = git(root, 'rev-parse', 'HEAD').trim();
});

afterAll(() => removeScratch(root));

describe('changesets', () => {
  it('needs none when no library changed, nor for a change to tests or docs only', () => {
    writeFile(root, 'packages/member/test/unit/extra.test.ts', 'export {};\n');
    writeFile(root, 'packages/member/README.md', '# member\n');
    writeFile(root, 'apps/member/src/x.ts', 'export {};\n');
    commit('tests, docs, an app');
    expect(check()).toEqual({ changed: [], missing: [], problems: [] });
  });

  it("fails for a change to a library's source without a changeset, naming the library", () => {
    writeFile(
      root,
      'packages/core/src/ids.ts',
      `${readFileSync(join(root, 'packages/core/src/ids.ts'), 'utf8')}\nexport const ID_SEPARATOR = '_';\n`,
    );
    commit('core: ID_SEPARATOR');
    expect(check()).toMatchObject({ changed: ['@retail/core'], missing: ['@retail/core'] });
    const result = cli();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('without a changeset: @retail/core');
  });

  it('fails for a changeset without a valid bump, and passes with one naming the library and its bump', () => {
    writeFile(root, '.changeset/odd-ids.md', "---\n'@retail/core': huge\n---\n\nID_SEPARATOR.\n");
    expect(check().problems).toEqual([".changeset/odd-ids.md: ''@retail/core': huge' needs a bump of patch, minor or major"]);
    writeFile(
      root,
      '.changeset/odd-ids.md',
      "---\n'@retail/core': minor\n---\n\n`ID_SEPARATOR`: the character between an id's prefix and its ULID.\n",
    );
    commit('changeset');
    expect(check()).toEqual({ changed: ['@retail/core'], missing: [], problems: [] });
    expect(cli().status).toBe(0);
  });

  it('the release step (changeset version) bumps the version and writes the changelog', () => {
    runOk(root, process.execPath, [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version']);
    const core = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')) as { version: string };
    expect(core.version).toBe('0.2.0');
    const changelog = readFileSync(join(root, 'packages/core/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('## 0.2.0');
    expect(changelog).toContain("`ID_SEPARATOR`: the character between an id's prefix and its ULID.");
  });
});
