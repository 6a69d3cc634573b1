import { defineConfig } from 'tsup';

// CommonJS: Nx loads a generator's factory with require().
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  dts: false,
  sourcemap: true,
  clean: true,
  shims: true,
});
