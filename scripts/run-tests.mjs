#!/usr/bin/env node
// `pnpm test`: every package's tests through turbo (one package at a time, so that the tests
// that start servers and processes are not starved on a 2-core machine), then one closing
// line that adds up what vitest reported in each package: "Tests: N passed, N failed".
// `--continue`: a red package (a failed test or coverage gate) does not hide the others'
// results; the exit code is still turbo's, so any failure fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const startedAt = Date.now();
const turbo = spawnSync(
  join(root, 'node_modules', '.bin', 'turbo'),
  ['run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  },
);
if (turbo.error) {
  console.error(
    `run-tests: turbo could not start (${turbo.error.message}); run "pnpm install" first`,
  );
  process.exit(2);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
for (const group of ['apps', 'packages', '.']) {
  const dirs =
    group === '.'
      ? ['deploy', 'bench', 'tests/registry']
      : readdirSync(join(root, group)).map((name) => join(group, name));
  for (const dir of dirs) {
    const file = join(root, dir, '.vitest', 'results.json');
    // Only this run's results: a package turbo did not reach must not count as passed.
    if (!existsSync(file) || statSync(file).mtimeMs < startedAt) continue;
    const results = JSON.parse(readFileSync(file, 'utf8'));
    // A file that fails before its tests run (an import error, a failing beforeAll or an
    // assertion at collection) fails no test, yet fails the run: count it as a failure so
    // the closing line never says "0 failed" under a red exit code.
    const brokenFiles = (results.testResults ?? []).filter(
      (file) =>
        file.status === 'failed' &&
        !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
    ).length;
    const row = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + brokenFiles,
      skipped: results.numPendingTests + (results.numTodoTests ?? 0),
    };
    for (const key of Object.keys(totals)) totals[key] += row[key];
    lines.push(`  ${dir.padEnd(24)} ${row.passed} passed, ${row.failed} failed`);
  }
}
console.log(
  `\n${lines.join('\n')}\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
process.exit(turbo.status ?? 1);
