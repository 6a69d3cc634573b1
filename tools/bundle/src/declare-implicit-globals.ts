import { parse } from 'acorn';
import { analyze } from 'eslint-scope';
import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';

/**
 * The tablestore SDK assigns to undeclared variables (`for (pro in ...)` in lib/filter.js, and a
 * few more): fine in its own sloppy-mode files, a ReferenceError once bundled into one strict
 * file. This finds every such assignment in the SDK's files at build time and declares the names
 * at the top of the file that makes them, so the SDK is bundled unchanged otherwise.
 */
export function declareImplicitGlobals(packages: readonly string[] = ['tablestore']): Plugin {
  const filter = new RegExp(`node_modules/(?:\\.pnpm/[^/]+/node_modules/)?(${packages.join('|')})/.*\\.js$`);
  return {
    name: 'declare-implicit-globals',
    setup(build) {
      build.onLoad({ filter }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const names = implicitGlobals(source);
        return { contents: names.length > 0 ? `var ${names.join(', ')};\n${source}` : source, loader: 'js' };
      });
    },
  };
}

export function implicitGlobals(source: string): string[] {
  const ast = parse(source, { ecmaVersion: 2022, sourceType: 'script', ranges: true });
  const scopes = analyze(ast as never, { ecmaVersion: 2022, sourceType: 'script', nodejsScope: true });
  const names = new Set<string>();
  for (const reference of scopes.globalScope!.through) {
    if (reference.isWrite() && !reference.resolved) names.add(reference.identifier.name);
  }
  return [...names];
}
