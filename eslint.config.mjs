// @ts-check
// One ESLint config for the whole workspace. The dependency rules of ARCHITECTURE.md live here as
// Nx tags and constraints; see docs/decisions/0003-project-tags-and-boundaries.md.
//
// Which project a file belongs to, and that project's tags, come from the Nx project graph (built
// from the pnpm workspace's package.json files and their `"nx": { "tags": [...] }`). A new package
// needs nothing here: its tags select its rules.
import { execFileSync } from 'node:child_process';
import js from '@eslint/js';
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages that are transport or Function Compute specific: never in a domain library. */
export const TRANSPORT_PACKAGES = [
  'typescript-rest',
  'express',
  'fastify',
  'koa',
  'find-my-way',
  'class-validator',
  'class-transformer',
  'multer',
  'busboy',
  '@fastify/*',
  '@types/express',
  '@types/express-serve-static-core',
  '@alicloud/fc*',
  '@alicloud/function-compute*',
  '@serverless-devs/*',
];

const TYPE = { app: 'type:app', domain: 'type:domain', platform: 'type:platform', tool: 'type:tool' };
const DOMAIN_SCOPES = {
  'scope:member': ['scope:member', 'scope:shared'],
  'scope:coupons': ['scope:coupons', 'scope:member', 'scope:shared'],
  'scope:stores': ['scope:stores', 'scope:shared'],
  'scope:trading': ['scope:trading', 'scope:member', 'scope:coupons', 'scope:stores', 'scope:shared'],
};

/**
 * @nx/enforce-module-boundaries constraints. `testFiles` adds type:tool to what apps, domain and
 * platform projects may import: tests start ots-local, sources may not import any tool.
 * @param {{ testFiles: boolean }} options
 */
function depConstraints({ testFiles }) {
  const tools = testFiles ? [TYPE.tool] : [];
  return [
    { sourceTag: TYPE.app, onlyDependOnLibsWithTags: [TYPE.domain, TYPE.platform, ...tools] },
    {
      sourceTag: TYPE.domain,
      onlyDependOnLibsWithTags: [TYPE.domain, TYPE.platform, ...tools],
      notDependOnLibsWithTags: ['layer:transport'],
      bannedExternalImports: TRANSPORT_PACKAGES.flatMap((name) => [name, `${name}/*`]),
    },
    { sourceTag: TYPE.platform, onlyDependOnLibsWithTags: [TYPE.platform, ...tools] },
    { sourceTag: TYPE.tool, notDependOnLibsWithTags: [TYPE.app] },
    ...Object.entries(DOMAIN_SCOPES).map(([sourceTag, allowed]) => ({ sourceTag, onlyDependOnLibsWithTags: allowed })),
  ];
}

// The graph is (re)built here, not only read: @nx/enforce-module-boundaries reads the cached graph
// and silently skips itself when there is none, and a stale one would check against old tags. A
// graph that cannot be built fails lint rather than passing it.
const graph = await createProjectGraphAsync({ exitOnError: false, resetDaemonClient: false });
const projects = Object.values(graph.nodes).map((node) => ({ root: node.data.root, tags: node.data.tags ?? [] }));
const rootsWith = (/** @type {string} */ tag) => projects.filter((p) => p.tags.includes(tag)).map((p) => p.root);

/**
 * What git ignores (nested .gitignore files too: generated bench builds, data folders), as ignore
 * patterns; none outside a git checkout.
 * @returns {string[]}
 */
function gitIgnored() {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return out
      .split('\0')
      .filter((path) => path.length > 0)
      .map((path) => (path.endsWith('/') ? `${path}**` : path));
  } catch {
    return [];
  }
}

const CODE = '**/*.{ts,tsx,mts,cts,js,mjs,cjs}';
// Tests, benchmarks and a package's own build/test configuration (tsup.config.ts, vitest.config.ts)
// never end up in a function bundle: they may import tools (ots-local, the bundle config).
const TEST_FILES = ['**/test/**', '**/*.test.*', '**/*.spec.*', '**/bench/**', '*/*/*.config.{ts,mts,cts,js,mjs,cjs}'];
const srcOf = (/** @type {string[]} */ roots) => roots.map((root) => `${root}/src/${CODE}`);

const NO_DEFAULT_EXPORT = [
  { selector: 'ExportDefaultDeclaration', message: 'Use a named export (STYLE.md: no default exports).' },
  {
    selector: 'ExportNamedDeclaration > ExportSpecifier[exported.name="default"]',
    message: 'Use a named export (STYLE.md: no default exports).',
  },
];
const ENV_MESSAGE =
  'Read process.env only in this package\u2019s src/env.ts (or src/config.ts); pass configuration in (ARCHITECTURE.md, dependency rules).';
const NO_PROCESS_ENV_SYNTAX = [
  {
    selector: 'MemberExpression[object.type="MemberExpression"][object.property.name="process"][property.name="env"]',
    message: ENV_MESSAGE,
  },
];
const NO_PROCESS_ENV_PROPERTIES = [{ object: 'process', property: 'env', message: ENV_MESSAGE }];
const NO_PROCESS_ENV_IMPORTS = ['process', 'node:process'].map((name) => ({ name, importNames: ['env'], message: ENV_MESSAGE }));
// A package's public API is its exports map (`"."`), reported in packages/<name>/etc/<name>.api.md:
// its src/ and dist/ files are internal, whatever the resolver would find (decision 0010).
const NO_INTERNAL_MODULES = [
  {
    group: ['@retail/*/**'],
    message: 'Import a workspace package by its name (@retail/core), not a file inside it: only its exports are public.',
  },
];
const NO_TRANSPORT_IMPORTS = [
  {
    group: TRANSPORT_PACKAGES.flatMap((name) => [name, `${name}/**`]),
    message: 'Transport and Function Compute code lives in apps/* and packages/runtime, not in a domain library.',
  },
];

/**
 * The restricted-syntax/properties/imports rules of one set of source files. ESLint keeps only the
 * last options given for a rule, so each file set gets all of its restrictions at once.
 * @param {{ env: boolean, transport: boolean }} ban
 * @returns {import('eslint').Linter.RulesRecord}
 */
function restrictions({ env, transport }) {
  const imports = [...(env ? NO_PROCESS_ENV_IMPORTS : [])];
  return {
    'no-restricted-syntax': ['error', ...NO_DEFAULT_EXPORT, ...(env ? NO_PROCESS_ENV_SYNTAX : [])],
    'no-restricted-properties': env ? ['error', ...NO_PROCESS_ENV_PROPERTIES] : 'off',
    'no-restricted-imports': [
      'error',
      { paths: imports, patterns: [...NO_INTERNAL_MODULES, ...(transport ? NO_TRANSPORT_IMPORTS : [])] },
    ],
  };
}

const domains = rootsWith(TYPE.domain);
const platforms = rootsWith(TYPE.platform);
const apps = rootsWith(TYPE.app);
/** The one file per package that may read process.env. */
const envFiles = (/** @type {string[]} */ roots, /** @type {string[]} */ names) =>
  roots.flatMap((root) => names.map((name) => `${root}/src/${name}`));

/**
 * A config block for these files, or none when there are no files.
 * @param {string[]} files
 * @param {import('eslint').Linter.RulesRecord} rules
 */
const forFiles = (files, rules) => (files.length > 0 ? [{ files, rules }] : []);

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/coverage/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/.nx/**',
      '**/.data/**',
      '**/.tmp/**',
      // tsup's transient compiled config: a package's build may run beside its lint (turbo runs
      // a build for a dependent's ^build while lint globs the same folder).
      '**/*.config.bundled_*.mjs',
      ...gitIgnored(),
    ],
  },
  {
    files: [CODE],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: {
        // typescript-rest reads decorator metadata: with these set, a class used only in a
        // decorated signature counts as a value, so consistent-type-imports leaves its import alone.
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    plugins: { '@nx': nx },
    rules: {
      // Protocol code (PlainBuffer, OTS error bodies) matches control characters on purpose.
      'no-control-regex': 'off',
      // The untyped CommonJS `tablestore` SDK is typed by an ambient `declare module` file, which
      // only a path reference can pull in; `types` references still have to be imports.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always', types: 'prefer-import', lib: 'always' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: NO_INTERNAL_MODULES }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints({ testFiles: false }) },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // A benchmark or test may use its own package through its public name (the built entry).
          allowCircularSelfDependency: true,
          depConstraints: depConstraints({ testFiles: true }),
        },
      ],
    },
  },
  // CommonJS files (bundler shims) load with require.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Source files: structured logs instead of console, named exports only.
  {
    files: [`**/src/${CODE}`],
    rules: { 'no-console': 'error', ...restrictions({ env: false, transport: false }) },
  },
  // Domain, platform and app sources read no environment (one env.ts/config.ts per package does).
  // (A block with no files would apply to every file: blocks for tags no project has yet are left out.)
  ...forFiles([...srcOf(platforms), ...srcOf(apps)], restrictions({ env: true, transport: false })),
  ...forFiles(srcOf(domains), restrictions({ env: true, transport: true })),
  ...forFiles(
    [...envFiles(platforms, ['env.ts', 'config.ts']), ...envFiles(apps, ['env.ts'])],
    restrictions({ env: false, transport: false }),
  ),
  ...forFiles(envFiles(domains, ['env.ts', 'config.ts']), restrictions({ env: false, transport: true })),
  // Command-line entry points of tools, and benchmarks, print to the terminal.
  {
    files: ['tools/*/src/cli.{ts,mts,js,mjs}', 'tools/*/src/*-cli.{ts,mts,js,mjs}', 'tools/*/bin/**', '**/bench/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
