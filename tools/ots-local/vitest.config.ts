import { defineConfig } from 'vitest/config';

// Against a real instance (all OTS_REAL_* set) files run one at a time, to stay under the
// service's table-operation rate and table-count quotas; locally each file starts its own server.
const real = Boolean(
  process.env.OTS_REAL_ENDPOINT &&
  process.env.OTS_REAL_INSTANCE &&
  process.env.OTS_REAL_ACCESS_KEY_ID &&
  process.env.OTS_REAL_ACCESS_KEY_SECRET,
);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The durability tests set their own, longer timeouts.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    fileParallelism: !real,
  },
});
