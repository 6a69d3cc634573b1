import { logger, updateJson, type Tree } from '@nx/devkit';
import type { FunctionNames } from './options.js';

// The places outside the new folders that must know about a function. The gateway's routes, CI's
// affected matrix, deploy and `pnpm dev`'s list of functions need nothing: they read the workspace.

const DEV_TABLES = 'tools/dev/src/tables.ts';
const LINT_CONFIG = 'eslint.config.mjs';

/**
 * Adds the new domain's tables to the ones `pnpm dev` creates (tools/dev/src/tables.ts), and the
 * domain package to tools/dev's dependencies. Returns false, with a warning, when that file no
 * longer has a `platformTables` list to add to.
 *
 * @example
 * registerDevTables(tree, functionNames({ name: 'pricing', prefix: '/prices' })); // ...pricingTables
 */
export function registerDevTables(tree: Tree, names: FunctionNames): boolean {
  const source = tree.exists(DEV_TABLES) ? tree.read(DEV_TABLES, 'utf-8') : null;
  const list = source ? /export const platformTables = \[\n/.exec(source) : null;
  if (!source || !list) {
    logger.warn(
      `${DEV_TABLES} has no platformTables list: make pnpm dev create ${names.fn.camel}Tables from @retail/${names.fn.kebab}.`,
    );
    return false;
  }
  const tables = `${names.fn.camel}Tables`;
  const lastImport = source.lastIndexOf('\nimport ');
  const importEnd = source.indexOf('\n', source.indexOf(';', lastImport)) + 1;
  const at = list.index + list[0].length;
  tree.write(
    DEV_TABLES,
    source.slice(0, importEnd) +
      `import { ${tables} } from '@retail/${names.fn.kebab}';\n` +
      source.slice(importEnd, at) +
      `  ...${tables},\n` +
      source.slice(at),
  );
  updateJson(tree, 'tools/dev/package.json', (json: { dependencies?: Record<string, string> }) => {
    json.dependencies = sorted({ ...json.dependencies, [`@retail/${names.fn.kebab}`]: 'workspace:*' });
    return json;
  });
  return true;
}

/**
 * Gives the new scope its lint rule (eslint.config.mjs `DOMAIN_SCOPES`): its projects may use
 * their own scope and the shared one, nothing of another domain until someone decides so there.
 * Returns false, with a warning, when the config has no such table.
 *
 * @example
 * registerLintScope(tree, names); // 'scope:pricing': ['scope:pricing', 'scope:shared'],
 */
export function registerLintScope(tree: Tree, names: FunctionNames): boolean {
  const source = tree.exists(LINT_CONFIG) ? tree.read(LINT_CONFIG, 'utf-8') : null;
  const table = source ? /const DOMAIN_SCOPES = \{\n[\s\S]*?\n\};/.exec(source) : null;
  const scope = `scope:${names.fn.kebab}`;
  if (!source || !table) {
    logger.warn(`${LINT_CONFIG} has no DOMAIN_SCOPES table: give ${scope} its dependency rule by hand.`);
    return false;
  }
  if (table[0].includes(`'${scope}':`)) return true;
  const end = table.index + table[0].length - '};'.length;
  tree.write(LINT_CONFIG, `${source.slice(0, end)}  '${scope}': ['${scope}', 'scope:shared'],\n${source.slice(end)}`);
  return true;
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
