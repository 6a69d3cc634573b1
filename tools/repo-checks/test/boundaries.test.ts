// The lint rules of ARCHITECTURE.md, checked against the real workspace: ESLint's Node API lints
// text as if it were a file inside an existing project (the file itself is never written).
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/scratch.js';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The rule ids ESLint reports for `code` at `file` (relative to the repository root). */
async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return result.messages.map((m) => m.ruleId ?? 'null');
}

const importsOtsLocal = "import { startOtsLocal } from '@retail/ots-local';\n\nexport const start = startOtsLocal;\n";

describe('module boundaries in the existing projects', () => {
  it('reports a platform source file that imports a tool', async () => {
    expect(await ruleIds('packages/tablestore/src/x.ts', importsOtsLocal)).toContain('@nx/enforce-module-boundaries');
  });

  it('reports a type-only import of a tool from platform source too', async () => {
    const code = "import type { OtsLocal } from '@retail/ots-local';\n\nexport type Server = OtsLocal;\n";
    expect(await ruleIds('packages/tablestore/src/x.ts', code)).toContain('@nx/enforce-module-boundaries');
  });

  it('lets a platform test file import a tool (tests start ots-local)', async () => {
    expect(await ruleIds('packages/tablestore/test/x.test.ts', importsOtsLocal)).toEqual([]);
    expect(await ruleIds('packages/tablestore/test/support/x.ts', importsOtsLocal)).toEqual([]);
    expect(await ruleIds('packages/tablestore/bench/x.ts', importsOtsLocal)).toEqual([]);
  });
});

describe('source rules', () => {
  it('reports process.env in platform source', async () => {
    expect(await ruleIds('packages/tablestore/src/x.ts', 'export const endpoint = process.env.OTS_ENDPOINT;\n')).toContain(
      'no-restricted-properties',
    );
    expect(
      await ruleIds('packages/tablestore/src/x.ts', 'const { env } = process;\n\nexport const endpoint = env.OTS_ENDPOINT;\n'),
    ).toContain('no-restricted-properties');
    expect(
      await ruleIds('packages/tablestore/src/x.ts', 'export const endpoint = globalThis.process.env.OTS_ENDPOINT;\n'),
    ).toContain('no-restricted-syntax');
    expect(
      await ruleIds('packages/tablestore/src/x.ts', "import { env } from 'node:process';\n\nexport const e = env;\n"),
    ).toContain('no-restricted-imports');
  });

  it("allows process.env in a platform package's env.ts or config.ts, and in tools", async () => {
    const code = 'export const endpoint = process.env.OTS_ENDPOINT;\n';
    expect(await ruleIds('packages/tablestore/src/env.ts', code)).toEqual([]);
    expect(await ruleIds('packages/tablestore/src/config.ts', code)).toEqual([]);
    expect(await ruleIds('tools/ots-local/src/x.ts', code)).toEqual([]);
  });

  it('reports a default export in source, in every project', async () => {
    expect(await ruleIds('packages/tablestore/src/x.ts', 'export default 1;\n')).toContain('no-restricted-syntax');
    expect(await ruleIds('tools/ots-local/src/x.ts', 'const a = 1;\n\nexport { a as default };\n')).toContain(
      'no-restricted-syntax',
    );
  });

  it('allows a default export in a tool config file', async () => {
    const code = "import { defineConfig } from 'tsup';\n\nexport default defineConfig({});\n";
    expect(await ruleIds('packages/tablestore/tsup.config.ts', code)).toEqual([]);
  });

  it('reports console in source, not in a tool CLI entry or a benchmark', async () => {
    const code = "console.log('hi');\n";
    expect(await ruleIds('packages/tablestore/src/x.ts', code)).toContain('no-console');
    expect(await ruleIds('tools/ots-local/src/x.ts', code)).toContain('no-console');
    expect(await ruleIds('tools/ots-local/src/cli.ts', code)).toEqual([]);
    expect(await ruleIds('packages/tablestore/bench/x.ts', code)).toEqual([]);
  });

  it('reports a type used only as a type but imported as a value, and unused variables', async () => {
    const code = "import { Readable } from 'node:stream';\n\nexport type R = Readable;\n";
    expect(await ruleIds('packages/tablestore/src/x.ts', code)).toContain('@typescript-eslint/consistent-type-imports');
    expect(await ruleIds('packages/tablestore/src/x.ts', 'const unused = 1;\n')).toContain('@typescript-eslint/no-unused-vars');
  });
});
