import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scratch copies of the repository run builds, ESLint and Nx in child processes: one file at
    // a time, to leave CPU to the packages' own tests that turbo runs beside these.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
