import { transformFile } from '@swc/core';
import type { Plugin } from 'esbuild';

/**
 * Compiles the workspace's TypeScript with swc, which emits the decorator metadata
 * (`design:paramtypes`) typescript-rest and class-validator need and esbuild does not. Unlike
 * tsup's own swc path it leaves node_modules alone: their files stay as published (sloppy-mode
 * CommonJS included) and the build stays fast.
 */
export function swcDecorators(): Plugin {
  return {
    name: 'swc-decorators',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const result = await transformFile(args.path, {
          jsc: {
            parser: { syntax: 'typescript', decorators: true, tsx: args.path.endsWith('x') },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            keepClassNames: true,
            target: 'es2022',
          },
          module: { type: 'es6' },
          sourceMaps: 'inline',
          configFile: false,
          swcrc: false,
        });
        return { contents: result.code, loader: 'js' };
      });
    },
  };
}
