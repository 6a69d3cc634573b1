// Internal modules stay internal: every shared library's exports map names one entry point, Node
// refuses any other path into it, and lint refuses a deep import (`@retail/core/src/ids.js`) or a
// relative path into another project, in sources and tests alike.
import { ESLint } from 'eslint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/scratch.js';

const libraries = readdirSync(join(repoRoot, 'packages')).filter((name) =>
  existsSync(join(repoRoot, 'packages', name, 'package.json')),
);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The rule ids ESLint reports for `code` as if it were the file at `file` (never written). */
async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  const fatal = result?.messages.find((message) => message.fatal);
  if (!result || fatal) throw new Error(`${file}: ${fatal?.message ?? 'no result'}`);
  return result.messages.map((message) => message.ruleId ?? 'null');
}

const importing = (from: string) => `import { newId } from '${from}';\n\nexport const id = newId('x');\n`;

describe('exports maps', () => {
  it.each(libraries)('packages/%s exports one entry point, its built index, with types', (name) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', name, 'package.json'), 'utf8')) as {
      exports: Record<string, { types?: string }>;
    };
    expect(Object.keys(manifest.exports)).toEqual(['.']);
    expect(manifest.exports['.']!.types).toBe('./dist/index.d.ts');
  });

  it('Node refuses a path into a library that its exports map does not name', () => {
    const require = createRequire(join(repoRoot, 'apps', 'member', 'package.json'));
    expect(require.resolve('@retail/core')).toContain(join('packages', 'core', 'dist'));
    for (const internal of ['@retail/core/src/ids.ts', '@retail/core/dist/index.js', '@retail/core/package.json']) {
      expect(() => require.resolve(internal), internal).toThrow(
        expect.objectContaining({ code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' }),
      );
    }
  });
});

describe('lint', () => {
  it('allows a library by its name', async () => {
    expect(await ruleIds('apps/member/src/x.ts', importing('@retail/core'))).toEqual([]);
  });

  it.each([
    ['apps/member/src/x.ts', '@retail/core/src/ids.js'],
    ['apps/member/test/x.test.ts', '@retail/core/src/ids.js'],
    ['packages/member/src/x.ts', '@retail/core/dist/index.js'],
    ['packages/trading/test/support/x.ts', '@retail/member/src/shard.js'],
    ['tools/dev/src/x.ts', '@retail/tablestore/src/index.js'],
  ])('refuses a deep import in %s (%s)', async (file, from) => {
    expect(await ruleIds(file, importing(from))).toContain('no-restricted-imports');
  });

  it('refuses a relative path into another project', async () => {
    expect(await ruleIds('apps/member/src/x.ts', importing('../../../packages/core/src/ids.js'))).toContain(
      '@nx/enforce-module-boundaries',
    );
  });
});
