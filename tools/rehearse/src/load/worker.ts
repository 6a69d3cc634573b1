/**
 * The load generator's own process: its CPU is then its own to measure, and it competes with the
 * platform the way a real crowd's machines would not (this machine's cores are shared), which the
 * report counts.
 */
import { generateLoad } from './generator.js';
import type { LoadConfig } from './types.js';

process.once('message', (config: LoadConfig) => {
  generateLoad(config).then(
    (result) => process.send?.({ result }, () => process.disconnect()),
    (error: unknown) =>
      process.send?.({ error: error instanceof Error ? error.stack : String(error) }, () => process.disconnect()),
  );
});
