import type { Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

const SHIM = fileURLToPath(new URL('../shim/typescript-rest-shim.cjs', import.meta.url));

/** Required at the top of typescript-rest's server modules, used only on its Express path. */
const EXPRESS_PATH = [
  'body-parser',
  'cookie-parser',
  'multer',
  'express',
  'swagger-ui-express',
  'yamljs',
  'fs-extra',
  'require-glob',
  'passport',
  'serve-static',
];

/**
 * Keeps typescript-rest's Express chain out of function bundles: `typescript-rest` (and its own
 * internal requires of its index) resolve to a shim with the decorators only; the modules its
 * server container requires but a function never calls become empty stubs; `debug` a no-op.
 * Measured: the chain is most of a naive bundle's size and cold start (shared/ARCHITECTURE.md).
 */
export function trimTypescriptRest(): Plugin {
  return {
    name: 'trim-typescript-rest',
    setup(build) {
      build.onResolve({ filter: /^typescript-rest$/ }, () => ({ path: SHIM }));
      build.onResolve({ filter: /^\.\.?\/typescript-rest$/ }, (args) =>
        args.importer.includes(`${'typescript-rest'}/dist`) ? { path: SHIM } : undefined,
      );
      const stubs = new RegExp(`^(${EXPRESS_PATH.join('|')})$`);
      build.onResolve({ filter: stubs }, (args) => ({ path: args.path, namespace: 'express-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'express-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'debug-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'debug-stub' }, () => ({
        contents: 'module.exports = function debug() { const log = function () {}; log.enabled = false; return log; };',
        loader: 'js',
      }));
    },
  };
}
