import { readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Options } from 'tsup';
import { declareImplicitGlobals } from './declare-implicit-globals.js';
import { swcDecorators } from './swc-decorators.js';
import { trimTablestoreProtos } from './trim-tablestore-protos.js';
import { trimTypescriptRest } from './trim-typescript-rest.js';

const BUNDLE_TSCONFIG = fileURLToPath(new URL('../tsconfig.bundle.json', import.meta.url));

export interface FunctionBundleOptions {
  /** The function's name: the zip is `dist/<name>.zip`. */
  name: string;
  /** Default `src/index.ts`. */
  entry?: string;
}

/**
 * The tsup configuration of a function: `dist/index.js`, one self-contained CommonJS file (the
 * tablestore SDK needs CommonJS) with every workspace and npm dependency inlined, decorator
 * metadata emitted (tsup takes its swc path because the tsconfig sets emitDecoratorMetadata),
 * minified with a source map; then `dist/<name>.zip` for FC, and the sizes printed.
 *
 * @example
 * // apps/member/tsup.config.ts
 * export default defineConfig(functionBundle({ name: 'member' }));
 */
export function functionBundle(options: FunctionBundleOptions): Options {
  return {
    entry: { index: options.entry ?? 'src/index.ts' },
    format: ['cjs'],
    platform: 'node',
    target: 'node20',
    outDir: 'dist',
    clean: true,
    minify: true,
    sourcemap: true,
    splitting: false,
    dts: false,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    tsconfig: BUNDLE_TSCONFIG,
    esbuildPlugins: [trimTypescriptRest(), trimTablestoreProtos(), declareImplicitGlobals(), swcDecorators()],
    esbuildOptions(esbuild) {
      // ESM builds where a package has them, so unused parts (class-validator's phone numbers) drop out.
      esbuild.mainFields = ['module', 'main'];
      esbuild.legalComments = 'none';
      // Stack traces map to file and line; the sources themselves need not ship in the zip.
      esbuild.sourcesContent = false;
    },
    async onSuccess() {
      await writeZip(options.name);
    },
  };
}

async function writeZip(name: string): Promise<void> {
  const code = await readFile(join('dist', 'index.js'));
  const map = await readFile(join('dist', 'index.js.map'));
  // The bundle is CommonJS; inside a "type": "module" package Node would read it as ESM.
  const manifest = Buffer.from(`${JSON.stringify({ type: 'commonjs' })}\n`);
  await writeFile(join('dist', 'package.json'), manifest);
  const zip = zipSync({ 'index.js': code, 'index.js.map': map, 'package.json': manifest }, { level: 9 });
  await writeFile(join('dist', `${name}.zip`), zip);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const zipSize = (await stat(join('dist', `${name}.zip`))).size;
  process.stdout.write(`${name}: bundle ${kib(code.length)}, zip ${kib(zipSize)} (dist/${name}.zip)\n`);
}
