// The `retail` command's entry (bin/retail.mjs): `retail --channels <file> GET /members?phone=...`.
import { runCli } from './cli/run.js';
import { readCliEnv } from './env.js';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: readCliEnv(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
