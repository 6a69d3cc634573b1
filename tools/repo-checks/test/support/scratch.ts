// Scratch copies of the repository: the working tree as it is (tracked and untracked files, not
// ignored ones), with node_modules linked from this checkout so that nothing is installed again.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '../../src/affected-projects.mjs';

export const repoRoot = findWorkspaceRoot(import.meta.dirname);

/** Environment for child processes: no inherited git or Nx state that points elsewhere. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'NX_WORKSPACE_ROOT_PATH'])
    delete env[name];
  return env;
}

/** Copies the working tree into a new temporary folder and links its node_modules folders. */
export function copyWorkingTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'retail-scratch-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: childEnv(),
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter((file) => file.length > 0);
  for (const file of files) {
    const from = join(repoRoot, file);
    // Deleted but not yet staged, or a folder (a nested repository): not part of the tree to copy.
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
  }
  for (const modules of nodeModulesFolders()) {
    mkdirSync(dirname(join(dir, modules)), { recursive: true });
    symlinkSync(join(repoRoot, modules), join(dir, modules), 'dir');
  }
  return dir;
}

/** The root node_modules and each workspace package's, relative to the repository root. */
function nodeModulesFolders(): string[] {
  const found = ['node_modules'];
  for (const group of ['apps', 'packages', 'tools']) {
    if (!existsSync(join(repoRoot, group))) continue;
    for (const name of readdirSync(join(repoRoot, group))) {
      if (existsSync(join(repoRoot, group, name, 'node_modules'))) found.push(join(group, name, 'node_modules'));
    }
  }
  return found;
}

export function removeScratch(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (paths relative to `root`), creating folders as needed. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
}

/** A minimal workspace package: a package.json with tags, and a src/index.ts. */
export function scratchProject(root: string, dir: string, name: string, tags: string[]): void {
  writeFiles(root, {
    [`${dir}/package.json`]: `${JSON.stringify(
      { name, version: '0.0.0', private: true, type: 'module', exports: { '.': './src/index.ts' }, nx: { tags } },
      null,
      2,
    )}\n`,
    [`${dir}/src/index.ts`]: 'export const value = 1;\n',
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=repo-checks', '-c', 'user.email=repo-checks@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: childEnv(),
    },
  );
}

export interface LintMessage {
  ruleId: string | null;
  messageId?: string;
  message: string;
  line: number;
}

/**
 * Runs the workspace's ESLint in a child process (so that Nx finds `root` as its workspace) over
 * `files`, and returns each file's messages.
 */
export function lintInChild(root: string, files: string[]): Map<string, LintMessage[]> {
  const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const result = spawnSync(process.execPath, [eslint, '--format', 'json', '--no-warn-ignored', ...files], {
    cwd: root,
    encoding: 'utf8',
    env: childEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  // 0: clean, 1: lint errors, 2: ESLint itself failed.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`eslint exited ${result.status}:\n${result.stderr}\n${result.stdout}`);
  }
  const start = result.stdout.indexOf('[');
  const reports = JSON.parse(result.stdout.slice(start)) as { filePath: string; messages: LintMessage[] }[];
  return new Map(reports.map((report) => [report.filePath.slice(root.length + 1), report.messages]));
}
