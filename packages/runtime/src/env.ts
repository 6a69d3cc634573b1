/** The process environment: the one place the runtime reads it, handed to a function's composition root. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
