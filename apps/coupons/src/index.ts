import 'reflect-metadata';
import { defineFunction, startCustomRuntime } from '@retail/runtime';
import { createTablestoreClient } from '@retail/tablestore';
import { createCouponsApp } from './app.js';
import { loadEnv, serveOptions } from './env.js';

const entry = defineFunction((init) => {
  const env = loadEnv(init);
  return createCouponsApp({
    client: createTablestoreClient(env.tablestore),
    functionTimeoutMs: env.functionTimeoutMs,
    claimGraceMs: env.claimGraceMs,
  });
});

/** FC built-in runtime (nodejs20): `index.initialize` and `index.handler` (HTTP and timer events). */
export const initialize = entry.initialize;
export const handler = entry.handler;

/** Custom runtime / local gateway: `node index.js --serve` listens on FC_SERVER_PORT (9000). */
const { serve, port } = serveOptions();
if (serve) void startCustomRuntime(entry, { port });
