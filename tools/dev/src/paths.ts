import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tools/dev/{src,dist}/paths). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface FunctionApp {
  /** The function's name: its folder under apps/ and its key in the gateway's routes. */
  name: string;
  /** The built bundle the instance runs. */
  bundle: string;
}

/** Every function with a built bundle, found from the workspace: nothing to register by hand. */
export function functionApps(root = REPO_ROOT): FunctionApp[] {
  const apps = join(root, 'apps');
  return readdirSync(apps)
    .filter((name) => existsSync(join(apps, name, 's.yaml')))
    .map((name) => ({ name, bundle: join(apps, name, 'dist', 'index.js') }))
    .filter((app) => existsSync(app.bundle));
}
