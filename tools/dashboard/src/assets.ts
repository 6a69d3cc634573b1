/**
 * The page's built script and stylesheet (dist/web, made by tsup from web/), read once: they only
 * change with a build, and the gateway restarts with one.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where the built assets are: beside this module in dist, or dist/web when running from sources (tests). */
export const ASSETS_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/web/' : './web/', import.meta.url));

/** The files the page loads, and their content types: nothing else is served. */
export const ASSET_TYPES: Readonly<Record<string, string>> = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/** A reader of assets from `dir` that keeps each file after its first read. */
export function assetReader(dir: string): (name: string) => Promise<Buffer | undefined> {
  const cache = new Map<string, Promise<Buffer | undefined>>();
  return (name) => {
    let file = cache.get(name);
    if (!file) {
      file = readFile(`${dir}/${name}`).catch(() => undefined);
      // A missing build is not remembered: a build that lands later is then served.
      void file.then((found) => found ?? cache.delete(name));
      cache.set(name, file);
    }
    return file;
  };
}
