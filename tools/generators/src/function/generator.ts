import { formatFiles, generateFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionNames, FunctionOptionsError, type FunctionGeneratorOptions, type FunctionNames } from './options.js';
import { registerDevTables, registerLintScope } from './register.js';

/**
 * `pnpm new-function pricing --prefix /prices` (or `nx g @retail/generators:function ...`):
 * packages/pricing, the domain library (a use-case, a repository with its table, tests against
 * ots-local), and apps/pricing, the function (controllers, DTOs, createApp, FC entry, s.yaml,
 * bundle, tests), tagged for the lint rules and routed by the gateway at the prefix. Then, unless
 * `skipInstall`: `pnpm install` links them, a build and `api-reports --update` write the library's
 * public API report.
 *
 * @example
 * await functionGenerator(tree, { name: 'pricing', prefix: '/prices' });
 */
export async function functionGenerator(tree: Tree, options: FunctionGeneratorOptions): Promise<GeneratorCallback | undefined> {
  const names = functionNames(options);
  assertFree(tree, names);
  const values = templateValues(names);
  generateFiles(tree, join(templates(), 'lib'), '.', values);
  generateFiles(tree, join(templates(), 'app'), '.', values);
  registerDevTables(tree, names);
  registerLintScope(tree, names);
  if (!options.skipFormat) await formatFiles(tree);
  if (options.skipInstall) return undefined;
  return () => finish(tree.root, names);
}

/** Refuses a name whose folders exist, or a prefix another function's package.json routes. */
function assertFree(tree: Tree, names: FunctionNames): void {
  for (const dir of [`apps/${names.fn.kebab}`, `packages/${names.fn.kebab}`]) {
    if (tree.exists(dir)) throw new FunctionOptionsError(`${dir} exists already: pick another name.`);
  }
  for (const app of tree.exists('apps') ? tree.children('apps') : []) {
    const file = `apps/${app}/package.json`;
    if (!tree.exists(file)) continue;
    const routes = (JSON.parse(tree.read(file, 'utf-8') ?? '{}') as { retail?: { routes?: string[] } }).retail?.routes ?? [];
    const clash = routes.find(
      (route) => route === names.prefix || names.prefix.startsWith(`${route}/`) || route.startsWith(`${names.prefix}/`),
    );
    if (clash) throw new FunctionOptionsError(`--prefix ${names.prefix} overlaps ${clash}, which ${file} routes.`);
  }
}

/** What the templates see: each name in each spelling, and the file-name tokens (`__fn__`). */
function templateValues(n: FunctionNames): Record<string, string> {
  return {
    tmpl: '',
    fn: n.fn.kebab,
    Fn: n.fn.pascal,
    fnCamel: n.fn.camel,
    one: n.one.kebab,
    One: n.one.pascal,
    oneCamel: n.one.camel,
    oneWords: n.one.words,
    many: n.many.kebab,
    Many: n.many.pascal,
    manyCamel: n.many.camel,
    manyWords: n.many.words,
    prefix: n.prefix,
    idPrefix: n.idPrefix,
    table: n.table,
  };
}

/** tools/generators/files, from src/function (tests) or dist (the built plugin). */
function templates(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'generators.json'))) dir = dirname(dir);
  return join(dir, 'files');
}

/** Links the new packages, builds the library and writes its API report; then says what is next. */
function finish(root: string, n: FunctionNames): void {
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  run('pnpm', ['install']);
  run('pnpm', ['exec', 'turbo', 'run', 'build', `--filter=@retail/${n.fn.kebab}`, '--output-logs=errors-only']);
  run(process.execPath, ['tools/generators/src/api-reports.mjs', '--update', `packages/${n.fn.kebab}`]);
  logger.info(
    [
      `apps/${n.fn.kebab} and packages/${n.fn.kebab} are ready; the gateway routes ${n.prefix} to them.`,
      `  pnpm turbo run lint typecheck test --filter=@retail/app-${n.fn.kebab} --filter=@retail/${n.fn.kebab}`,
      `  pnpm dev   # then: pnpm retail POST ${n.prefix} '{"name":"First"}'`,
      `Commit apps/${n.fn.kebab}, packages/${n.fn.kebab} (with etc/${n.fn.kebab}.api.md), pnpm-lock.yaml and the lines added to tools/dev and eslint.config.mjs.`,
    ].join('\n'),
  );
}
