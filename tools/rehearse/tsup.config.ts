import { defineConfig } from 'tsup';

// The tool (node: library, CLI, the load generator's process) and the report page's chart script
// (browser, ECharts bundled in: the report opens offline). The build script empties dist first.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'load-worker': 'src/load/worker.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: { entry: { index: 'src/index.ts' } },
    sourcemap: true,
    clean: false,
  },
  {
    entry: { report: 'web/report.ts' },
    outDir: 'dist/web',
    format: ['iife'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    dts: false,
    clean: false,
    outExtension: () => ({ js: '.js' }),
  },
]);
