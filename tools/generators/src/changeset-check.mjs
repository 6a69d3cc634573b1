#!/usr/bin/env node
// @ts-check
// Every shared library (packages/*) whose shipped files changed since the base needs a changeset
// that names it and its bump (.changeset/*.md, written by `pnpm changeset`). `changeset status`
// alone passes as soon as any changeset exists; this names each package that is missing one.
//
//   node tools/generators/src/changeset-check.mjs [--since origin/main]   # pnpm changeset:check
//
// Which files count comes from .changeset/config.json `changedFilePatterns` (relative to a package):
// a change to tests, benchmarks or the README changes nothing a consumer gets.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BUMPS = new Set(['patch', 'minor', 'major']);

/**
 * @typedef {object} ChangesetCheck
 * @property {string[]} changed packages whose shipped files changed since the base
 * @property {string[]} missing of those, the ones no changeset names
 * @property {string[]} problems changesets that name an unknown package or no valid bump
 */

/**
 * Compares the packages changed since `since` with the packages the pending changesets name.
 *
 * @example
 * const { missing } = checkChangesets({ root: '/work/main', since: 'origin/main' });
 * // ['@retail/core'] when packages/core/src changed and no .changeset/*.md names it
 *
 * @param {{ root: string, since: string }} options
 * @returns {ChangesetCheck}
 */
export function checkChangesets({ root, since }) {
  const packages = packagesIn(root, 'packages');
  const patterns = changedFilePatterns(root).map(globToRegExp);
  let base;
  try {
    base = git(root, 'merge-base', since, 'HEAD').trim();
  } catch {
    throw new Error(`No common ancestor of ${since} and HEAD: fetch ${since} (CI checks out with fetch-depth: 0).`);
  }
  const files = [
    ...git(root, 'diff', '--name-only', base).split('\n'),
    ...git(root, 'ls-files', '--others', '--exclude-standard').split('\n'),
  ].filter(Boolean);
  const changed = [...packages]
    .filter(([dir]) =>
      files.some((file) => file.startsWith(`${dir}/`) && patterns.some((p) => p.test(file.slice(dir.length + 1)))),
    )
    .map(([, name]) => name)
    .sort();
  const workspace = new Set(['apps', 'packages', 'tools'].flatMap((group) => [...packagesIn(root, group).values()]));
  const { named, problems } = readChangesets(root, workspace);
  return { changed, missing: changed.filter((name) => !named.has(name)), problems };
}

/**
 * Folder -> package name of every package in a workspace group (`packages`).
 * @param {string} root
 * @param {string} group
 */
function packagesIn(root, group) {
  /** @type {Map<string, string>} */
  const found = new Map();
  if (!existsSync(join(root, group))) return found;
  for (const dir of readdirSync(join(root, group))) {
    const file = join(root, group, dir, 'package.json');
    if (existsSync(file))
      found.set(`${group}/${dir}`, /** @type {{ name: string }} */ (JSON.parse(readFileSync(file, 'utf8'))).name);
  }
  return found;
}

/** @param {string} root */
function changedFilePatterns(root) {
  const config = /** @type {{ changedFilePatterns?: string[] }} */ (
    JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8'))
  );
  return config.changedFilePatterns ?? ['**'];
}

/**
 * `src/**` -> a RegExp over paths relative to the package: `**` any depth, `*` within one segment.
 * @param {string} glob
 */
export function globToRegExp(glob) {
  const source = glob
    .split('**')
    .map((part) => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/**
 * The packages the pending changesets name, and what is wrong with any of them.
 * @param {string} root
 * @param {Set<string>} known every package name of the workspace
 */
function readChangesets(root, known) {
  /** @type {Set<string>} */
  const named = new Set();
  /** @type {string[]} */
  const problems = [];
  const dir = join(root, '.changeset');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md')) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, file), 'utf8'));
    for (const line of (front?.[1] ?? '').split('\n').filter((l) => l.trim())) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(\S+)\s*$/.exec(line);
      const [name, bump] = match ? [match[1] ?? '', match[2] ?? ''] : [line, ''];
      if (!BUMPS.has(bump)) problems.push(`.changeset/${file}: '${line.trim()}' needs a bump of patch, minor or major`);
      else if (!known.has(name)) problems.push(`.changeset/${file}: no package ${name}`);
      else named.add(name);
    }
  }
  return { named, problems };
}

/**
 * @param {string} cwd
 * @param {string[]} args
 */
function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function main() {
  const { values } = parseArgs({ options: { since: { type: 'string', default: 'origin/main' }, root: { type: 'string' } } });
  const root = resolve(values.root ?? join(fileURLToPath(import.meta.url), '..', '..', '..', '..'));
  let result;
  try {
    result = checkChangesets({ root, since: values.since });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const { changed, missing, problems } = result;
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  if (missing.length > 0) {
    process.stdout.write(
      `Changed since ${values.since} without a changeset: ${missing.join(', ')}.\n` +
        'Run `pnpm changeset`, pick the bump (patch: a fix; minor: something added; major: a breaking change of\n' +
        'the public API in etc/*.api.md), describe it for the consumers, and commit the .changeset/*.md file.\n',
    );
  } else {
    process.stdout.write(
      `Changed since ${values.since}: ${changed.join(', ') || 'no shared library'}; every one has a changeset.\n`,
    );
  }
  if (missing.length > 0 || problems.length > 0) process.exitCode = 1;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) main();
