// pnpm api:check on a scratch copy of @retail/core: a change to an exported signature fails the
// check with the report's diff; `--update` rewrites the report and the check passes again; a
// change inside a function body is not an API change.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkApiReports } from '../src/api-reports.mjs';
import { removeScratch, repoRoot, run, runOk } from './support/scratch.js';

const CORE = 'packages/core';
let root: string;
const ids = () => join(root, CORE, 'src', 'ids.ts');
const build = () => runOk(join(root, CORE), process.execPath, [join(repoRoot, 'node_modules', 'tsup', 'dist', 'cli-default.js')]);
const check = (update = false) => checkApiReports({ root, update, packages: [CORE] })[0]!;
const cli = (...args: string[]) =>
  run(root, process.execPath, [join(repoRoot, 'tools', 'generators', 'src', 'api-reports.mjs'), '--root', root, ...args, CORE]);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'retail-api-'));
  for (const file of ['tsconfig.base.json', 'tools/generators/api-extractor.base.json'])
    cpSync(join(repoRoot, file), join(root, file));
  mkdirSync(join(root, CORE), { recursive: true });
  for (const part of ['src', 'etc', 'package.json', 'tsconfig.json', 'tsup.config.ts', 'api-extractor.json'])
    cpSync(join(repoRoot, CORE, part), join(root, CORE, part), { recursive: true });
  symlinkSync(join(repoRoot, CORE, 'node_modules'), join(root, CORE, 'node_modules'), 'dir');
  build();
});

afterAll(() => removeScratch(root));

describe('public API reports', () => {
  it('accepts the committed report of the package as it is', () => {
    expect(check()).toMatchObject({ outcome: 'unchanged', messages: [] });
    expect(cli().status).toBe(0);
  });

  it('fails when an exported signature changed and the report was not updated, showing the diff', () => {
    const source = readFileSync(ids(), 'utf8')
      .replace(
        'export function isId(prefix: string, value: string)',
        'export function isId(prefix: string, value: string | number)',
      )
      .replace('.test(value)', '.test(String(value))');
    writeFileSync(ids(), source);
    build();
    const result = check();
    expect(result.outcome).toBe('changed');
    expect(result.messages.join('\n')).toContain('+export function isId(prefix: string, value: string | number): boolean;');
    const failed = cli();
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('changed and its report was not updated');
  });

  it('passes once `--update` has rewritten the report (the change is then in the diff a reviewer sees)', () => {
    expect(cli('--update').status).toBe(0);
    expect(readFileSync(join(root, CORE, 'etc', 'core.api.md'), 'utf8')).toContain(
      'export function isId(prefix: string, value: string | number): boolean;',
    );
    expect(check()).toMatchObject({ outcome: 'unchanged' });
  });

  it('does not count a change inside a function body', () => {
    writeFileSync(ids(), readFileSync(ids(), 'utf8').replace('return new RegExp(', 'return /* same check */ new RegExp('));
    build();
    expect(check()).toMatchObject({ outcome: 'unchanged' });
  });
});
