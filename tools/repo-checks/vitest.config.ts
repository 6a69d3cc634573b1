import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scratch copies of the repository run ESLint and Nx in child processes: one file at a time,
    // to leave CPU to the packages' own tests that turbo runs beside these.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
