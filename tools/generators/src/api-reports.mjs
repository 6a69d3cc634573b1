#!/usr/bin/env node
// @ts-check
// The public API of every shared library (packages/*), as API Extractor reports it from the built
// declaration of its entry point, against the report committed in packages/<name>/etc/<name>.api.md.
//
//   node tools/generators/src/api-reports.mjs            # pnpm api:check: fails when an API changed unreviewed
//   node tools/generators/src/api-reports.mjs --update   # pnpm api:update: rewrites the reports
//
// Plain JavaScript (type-checked through JSDoc), like the repository's other checks: it needs the
// packages built, not this one.
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * @typedef {object} ApiReportResult
 * @property {string} dir the package folder, relative to the workspace root
 * @property {'unchanged' | 'changed' | 'updated' | 'failed'} outcome
 * @property {string[]} messages what API Extractor reported (errors and warnings), and the report's diff
 */

/**
 * The packages under `root`/packages that have an api-extractor.json.
 * @param {string} root
 * @returns {string[]} folders relative to root
 */
export function reportedPackages(root) {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .filter((name) => existsSync(join(packages, name, 'api-extractor.json')))
    .sort()
    .map((name) => join('packages', name));
}

/**
 * Runs API Extractor for each package: compares its public API with the committed report, or with
 * `update` rewrites the report.
 *
 * @example
 * const results = checkApiReports({ root: '/work/main', update: false });
 * results.filter((r) => r.outcome !== 'unchanged'); // what needs `pnpm api:update` and a review
 *
 * @param {{ root: string, update: boolean, packages?: string[] | undefined }} options
 * @returns {ApiReportResult[]}
 */
export function checkApiReports({ root, update, packages = reportedPackages(root) }) {
  return packages.map((dir) => checkOne(root, dir, update));
}

/**
 * @param {string} root
 * @param {string} dir
 * @param {boolean} update
 * @returns {ApiReportResult}
 */
function checkOne(root, dir, update) {
  const folder = join(root, dir);
  if (!existsSync(join(folder, 'dist', 'index.d.ts'))) {
    return { dir, outcome: 'failed', messages: [`${dir}/dist/index.d.ts is missing: build the package first (pnpm build).`] };
  }
  mkdirSync(join(folder, 'etc'), { recursive: true });
  const config = ExtractorConfig.loadFileAndPrepare(join(folder, 'api-extractor.json'));
  /** @type {string[]} */
  const messages = [];
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback: (message) => {
      if (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning) {
        // The report's own "changed" or "created" notice is the outcome below, not a message.
        if (!String(message.messageId).startsWith('console-api-report-')) messages.push(message.formatMessageWithLocation(root));
      }
      message.handled = true;
    },
  });
  if (result.errorCount > 0 || messages.length > 0) return { dir, outcome: 'failed', messages };
  if (!update && !existsSync(config.reportFilePath)) {
    return { dir, outcome: 'changed', messages: [`${dir} has no etc/ report yet: run pnpm api:update and commit it.`] };
  }
  if (!result.apiReportChanged) return { dir, outcome: 'unchanged', messages };
  if (update) return { dir, outcome: 'updated', messages };
  return { dir, outcome: 'changed', messages: [reportDiff(root, config)] };
}

/**
 * The committed report against the one the current API would produce, as git shows it.
 * @param {string} root
 * @param {ExtractorConfig} config
 */
function reportDiff(root, config) {
  try {
    execFileSync('git', ['diff', '--no-index', '--no-color', config.reportFilePath, config.reportTempFilePath], {
      cwd: root,
      encoding: 'utf8',
    });
    return '';
  } catch (error) {
    // git diff --no-index exits 1 when the files differ; its output is the diff.
    return String(/** @type {{ stdout?: string }} */ (error).stdout ?? error);
  }
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { update: { type: 'boolean', default: false }, root: { type: 'string' } },
  });
  const root = resolve(values.root ?? join(fileURLToPath(import.meta.url), '..', '..', '..', '..'));
  const packages = positionals.length > 0 ? positionals.map((dir) => relative(root, resolve(dir))) : undefined;
  const results = checkApiReports({ root, update: values.update, packages });
  for (const { dir, outcome, messages } of results) {
    process.stdout.write(`${outcome.padEnd(9)} ${dir}/etc\n`);
    for (const message of messages) if (message) process.stdout.write(`${message.replace(/^/gm, '  ')}\n`);
  }
  const changed = results.filter((r) => r.outcome === 'changed').map((r) => r.dir);
  if (changed.length > 0) {
    process.stdout.write(
      `\nThe public API of ${changed.join(', ')} changed and its report was not updated. If the change is meant,\n` +
        'run `pnpm api:update`, review the diff of etc/*.api.md and commit it with a changeset naming the bump\n' +
        '(docs/decisions/0010-public-apis-and-changesets.md).\n',
    );
  }
  if (results.some((r) => r.outcome === 'failed' || r.outcome === 'changed')) process.exitCode = 1;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) main();
