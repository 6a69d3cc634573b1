#!/usr/bin/env node
// @ts-check
// Prints, as a JSON array, the workspace projects that the commits between --base and --head
// affect, according to the Nx project graph (a changed file marks its project, and every project
// that depends on it, directly or not). CI and the deploy workflow both ask this script, so the
// graph that picks what to test is the graph that picks what to deploy.
//
//   node tools/repo-checks/src/affected-projects.mjs --base <sha> --head <sha> [--tag type:app]
//
// Plain JavaScript on purpose: it runs in workflows before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The nearest folder at or above `from` that holds an nx.json.
 * @param {string} from
 * @returns {string}
 */
export function findWorkspaceRoot(from) {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No nx.json at or above ${from}.`);
    dir = parent;
  }
  return dir;
}

/**
 * The projects affected by the commits between `base` and `head`, sorted by name.
 *
 * @example
 * affectedProjects({ base: 'origin/main', head: 'HEAD', tag: 'type:app' }); // ['@retail/member-app']
 *
 * @param {{ base: string, head: string, tag?: string | undefined, cwd?: string | undefined }} options
 * @returns {string[]}
 */
export function affectedProjects({ base, head, tag, cwd = process.cwd() }) {
  const root = findWorkspaceRoot(cwd);
  const nxPackage = createRequire(join(root, 'package.json')).resolve('nx/package.json');
  /** @type {{ bin: Record<string, string> }} */
  const { bin } = JSON.parse(readFileSync(nxPackage, 'utf8'));
  const nx = join(dirname(nxPackage), bin.nx ?? 'bin/nx.js');
  const args = [nx, 'show', 'projects', '--affected', `--base=${base}`, `--head=${head}`, '--json'];
  if (tag) args.push(`--projects=tag:${tag}`);
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`nx show projects exited ${result.status}:\n${result.stderr}\n${result.stdout}`);
  }
  // Nx may print notices before the JSON line.
  const line = result.stdout
    .split('\n')
    .map((l) => l.trim())
    .findLast((l) => l.startsWith('['));
  if (line === undefined) throw new Error(`nx show projects printed no JSON:\n${result.stdout}`);
  /** @type {unknown} */
  const names = JSON.parse(line);
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new Error(`nx show projects printed ${line}`);
  }
  return [...names].sort();
}

function main() {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      head: { type: 'string', default: 'HEAD' },
      tag: { type: 'string' },
      cwd: { type: 'string' },
    },
  });
  if (!values.base) {
    process.stderr.write('Usage: affected-projects --base <sha> [--head <sha>] [--tag type:app] [--cwd <dir>]\n');
    process.exit(2);
  }
  const names = affectedProjects({ base: values.base, head: values.head, tag: values.tag, cwd: values.cwd });
  process.stdout.write(`${JSON.stringify(names)}\n`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) main();
