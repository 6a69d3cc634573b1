import { defineConfig } from 'tsup';

// Two builds: the handler the gateway imports (node), and the page's script and stylesheet
// (browser, ECharts bundled in: the page loads nothing from outside the gateway). The build script
// empties dist first, so neither build cleans what the other writes.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: { entry: 'src/index.ts' },
    sourcemap: true,
    clean: false,
  },
  {
    entry: { dashboard: 'web/main.ts' },
    outDir: 'dist/web',
    format: ['iife'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    sourcemap: false,
    dts: false,
    clean: false,
    outExtension: () => ({ js: '.js' }),
  },
]);
