// Scratch copies of the repository: the working tree as it is (tracked and untracked files, not
// ignored ones), with each project's node_modules linked from this checkout so that nothing is
// installed again. The same approach as tools/repo-checks' scratch copies.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** This checkout's root (this file is tools/generators/test/support/scratch.ts). */
export const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');

const GROUPS = ['apps', 'packages', 'tools'];

/** Environment for child processes: no inherited git or Nx state that points elsewhere. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    TURBO_TELEMETRY_DISABLED: '1',
  };
  // NODE_PATH (set by pnpm's bin script of vitest) makes Nx in the child resolve another graph.
  for (const name of [
    'GIT_DIR',
    'GIT_WORK_TREE',
    'GIT_INDEX_FILE',
    'GIT_OBJECT_DIRECTORY',
    'NX_WORKSPACE_ROOT_PATH',
    'INIT_CWD',
    'NODE_PATH',
  ])
    delete env[name];
  return env;
}

/** Copies the working tree into a new temporary folder and links every node_modules folder. */
export function copyWorkingTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'retail-generator-'));
  const files = git(repoRoot, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    const from = join(repoRoot, file);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const project of projects(repoRoot)) {
    if (existsSync(join(repoRoot, project, 'node_modules')))
      symlinkSync(join(repoRoot, project, 'node_modules'), join(dir, project, 'node_modules'), 'dir');
  }
  return dir;
}

/** Copies a built project's dist folder into the scratch copy (ignored files are not copied). */
export function copyDist(root: string, project: string): void {
  cpSync(join(repoRoot, project, 'dist'), join(root, project, 'dist'), { recursive: true });
}

/**
 * What `pnpm install` would link for a new project, without a download. A workspace dependency
 * that this checkout has is linked to this checkout's (built) folder, so that every project loads
 * one copy of each package (two copies of @retail/core would break its `instanceof` checks); one
 * that only the scratch copy has is linked there. Any other dependency gets the link a project of
 * this checkout already has for it.
 */
export function linkDependencies(root: string, project: string): void {
  const manifest = JSON.parse(readFileSync(join(root, project, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const workspace = new Map(projects(root).map((dir) => [packageName(root, dir), dir]));
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    const link = join(root, project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    const local = workspace.get(name);
    if (local === undefined) symlinkSync(installedLink(name), link, 'dir');
    else if (existsSync(join(repoRoot, local, 'package.json'))) symlinkSync(join(repoRoot, local), link, 'dir');
    else symlinkSync(relative(dirname(link), join(root, local)), link, 'dir');
  }
  // pnpm's bin scripts run `$basedir/../<package>`: the same scripts work over these links.
  const bins = join(root, project, 'node_modules', '.bin');
  mkdirSync(bins, { recursive: true });
  for (const bin of ['eslint', 'tsc', 'tsup', 'vitest'])
    copyFileSync(join(repoRoot, 'apps', 'member', 'node_modules', '.bin', bin), join(bins, bin));
}

/** Where this checkout's projects link an external package to (absolute). */
function installedLink(name: string): string {
  for (const project of projects(repoRoot)) {
    const link = join(repoRoot, project, 'node_modules', name);
    if (existsSync(link)) return join(dirname(link), readlinkSync(link));
  }
  throw new Error(`no project of this checkout has ${name} installed`);
}

/** `apps/member`, `packages/core`...: every folder of a workspace group with a package.json. */
export function projects(root: string): string[] {
  return GROUPS.filter((group) => existsSync(join(root, group))).flatMap((group) =>
    readdirSync(join(root, group))
      .map((name) => `${group}/${name}`)
      .filter((dir) => existsSync(join(root, dir, 'package.json'))),
  );
}

function packageName(root: string, dir: string): string {
  return (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string }).name;
}

/** Removes a scratch copy, unless KEEP_SCRATCH is set (to look into a failure). */
export function removeScratch(dir: string | undefined): void {
  if (dir && !process.env.KEEP_SCRATCH) rmSync(dir, { recursive: true, force: true });
}

export function writeFile(root: string, file: string, content: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=generators', '-c', 'user.email=generators@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: childEnv(),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

/** A command in the scratch copy: its exit status and output, never a throw. */
export function run(cwd: string, command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: childEnv(), maxBuffer: 64 * 1024 * 1024 });
}

/** `run`, failing with the command's output when it exits non-zero. */
export function runOk(cwd: string, command: string, args: string[]): string {
  const result = run(cwd, command, args);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}
