import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRuns } from '@n1v1/canary-runner';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleServiceCommand } from '../src/example-service-command.js';
import { main } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const cwd = mkdtempSync(join(tmpdir(), 'n1v1-canary-cli-'));

/** Stops every process a run in `cwd` recorded, whatever the test's outcome. */
afterAll(() => {
  for (const env of ['staging', 'production']) {
    for (const run of listRuns(join(cwd, '.n1v1'), env)) {
      for (const value of Object.values(run.record)) {
        const pid = (value as { pid?: number })?.pid;
        try {
          if (pid) process.kill(-pid, 'SIGKILL');
        } catch {
          // Already stopped.
        }
      }
    }
  }
  rmSync(cwd, { recursive: true, force: true });
});

/** A config file whose local deployer names its service, as a config file must. */
function config(staging: Record<string, unknown>): void {
  const deployer = { type: 'local', command: exampleServiceCommand(), ...(staging.deployer ?? {}) };
  writeFileSync(
    join(cwd, 'n1v1.config.json'),
    JSON.stringify({ environments: { staging: { ...staging, deployer } } }),
  );
}

async function n1v1(...args: string[]) {
  const io = { ...memoryIo({}), cwd };
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const short = { monitor: { durationSec: 6, intervalSec: 2 } };

describe('n1v1 canary', () => {
  it('prints the plan of a dry run as one JSON document and takes no action', async () => {
    config(short);
    const { code, out } = await n1v1('canary', '--dry-run', '--json', '--version=1.0.0');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      verdict: 'planned',
      dryRun: true,
      version: '1.0.0',
      env: 'staging',
    });
    expect(report.plan.length).toBeGreaterThan(8);
    expect(listRuns(join(cwd, '.n1v1'), 'staging')).toEqual([]);
  });

  it('prints the dry-run plan for people, step by step', async () => {
    const { code, out } = await n1v1('canary', '--dry-run', '--version=1.0.0');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^n1v1 1\.0\.0 in staging: DRY RUN\n {2}reason: dry run: \d+ actions planned, none taken\n {2}would, in order:\n {3}1\. \[deploy\] notify deploy.started/,
    );
  });

  it('rolls back a failing canary: exit 1, the reason on stdout, progress lines on stderr', async () => {
    config({
      ...short,
      deployer: { type: 'local', env: { N1V1_ERROR_RATE: '0.3' }, keepRunning: false },
    });
    const { code, out, err } = await n1v1('canary', '--version=2.0.0-bad');
    expect(code).toBe(1);
    expect(out).toMatch(/^n1v1 2\.0\.0-bad in staging: ROLLED BACK\n {2}reason: error rate/);
    expect(out).toMatch(/\n {2}rollback: done in [\d.]+ s: stopped canary pid \d+\n/);
    expect(err).toMatch(/\[\+[\d.]+s\] deploying\n/);
    expect(err).toMatch(/look 1 at [\d.]+ s: fail \(error rate/);
    expect(err).toContain('rollback.started');
  }, 60_000);

  it('reports a passing canary as one JSON document with --json, exit 0, and promote then takes it', async () => {
    config(short);
    const { code, out, err } = await n1v1('canary', '--json', '--version=2.0.0');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ verdict: 'ready', passed: true, version: '2.0.0' });
    expect(report.looks.length).toBeGreaterThan(2);
    expect(err).toMatch(/look \d+ at [\d.]+ s: pass; canary err/);

    const refused = await n1v1('promote', '--env=staging', '--version=2.0.0-bad');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^n1v1: the last canary of 2\.0\.0-bad in staging \(run .+\) ended rolled-back: error rate .*; refusing to promote\n$/,
    );

    const promoted = await n1v1(
      'promote',
      '--env=staging',
      '--json',
      '--bake=4s',
      '--bake-interval=2s',
    );
    expect(promoted.code).toBe(0);
    expect(JSON.parse(promoted.out)).toMatchObject({
      action: 'promote',
      outcome: 'promoted',
      version: '2.0.0',
      bake: { verdict: 'passed', durationSec: 4, intervalSec: 2 },
    });

    const planned = await n1v1('promote', '--env=staging', '--dry-run');
    expect(planned.code).toBe(0);
    expect(planned.out).toMatch(
      /^promote 2\.0\.0 \(run .+\) in staging: planned\n {2}dry run: would promote 2\.0\.0 to staging and bake it for 300 s\n {2}would, in order:\n/,
    );

    // No canary is out after the promotion, but the local stable (the promoted 2.0.0) still
    // runs: a manual rollback stops what the local runs left.
    const rollback = await n1v1('rollback');
    expect(rollback.code).toBe(0);
    expect(rollback.out).toMatch(
      /^rollback in staging: nothing-to-do\n {2}no canary to roll back in staging; stopped the local stable 2\.0\.0 \(pid \d+, http:\/\/127\.0\.0\.1:\d+\)\n$/,
    );
    expect((await n1v1('rollback')).out).toBe(
      'rollback in staging: nothing-to-do\n  no canary to roll back in staging\n',
    );

    // The runs as a list, and any of them as a page.
    const history = await n1v1('history', '--env=staging');
    expect(history.code).toBe(0);
    expect(history.out).toMatch(/^ENV +STARTED +RUN +KIND +VERSION +STATE +REASON\n/);
    expect(history.out).toMatch(
      new RegExp(`staging .* ${report.runId} +canary +2\\.0\\.0 +promoted`),
    );
    const listed = JSON.parse((await n1v1('history', '--json')).out);
    const run = listed.runs.find((r: { runId: string }) => r.runId === report.runId);
    expect(run).toMatchObject({ env: 'staging', state: 'promoted', kind: 'canary' });
    expect(run.report).toMatch(/\.html$/);
    const page = await n1v1('report', report.runId);
    expect(page.code).toBe(0);
    expect(page.out.trim()).toBe(run.report);
    const html = readFileSync(run.report, 'utf8');
    expect(html).toMatch(/<span class="verdict-word">PROMOTED<\/span>/);
    expect(html).toContain('Bake: production after the rollout against before it');
    const copy = join(cwd, 'copy.html');
    expect((await n1v1('report', report.runId.slice(0, 20), '--out=copy.html')).out.trim()).toBe(
      copy,
    );
    expect(readFileSync(copy, 'utf8')).toBe(html);
    const missing = await n1v1('report', 'no-such-run');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /^n1v1: no run "no-such-run" is recorded under .*; "n1v1 history" lists the runs\n$/,
    );
    expect((await n1v1('report')).code).toBe(2);
    expect((await n1v1('history', '--env=nowhere')).out).toBe('no runs recorded in nowhere\n');
  }, 120_000);

  it('prints a config error as one JSON document and one stderr line, exit 2', async () => {
    config({ monitor: { intervalSec: 0 } });
    const { code, out, err } = await n1v1('canary', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(out)).toEqual({
      error: {
        code: 'E_CONFIG_INVALID',
        message: 'n1v1.config.json: environments.staging.monitor.intervalSec must be >= 0.5',
      },
    });
    expect(err).toBe(
      'n1v1: n1v1.config.json: environments.staging.monitor.intervalSec must be >= 0.5\n',
    );
  });

  it('names an unknown flag and a bad version, exit 2', async () => {
    config(short);
    expect((await n1v1('canary', '--frobnicate')).err).toBe(
      'n1v1: canary: unknown flag "--frobnicate". Run "n1v1 canary --help" for the flags.\n',
    );
    const bad = await n1v1('canary', '--version=a b', '--dry-run');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'n1v1: version "a b" is invalid: use letters, digits, ".", "_", "+" and "-" (at most 128)\n',
    );
  });
});

describe("the local deployer's service", () => {
  it('is the example service when there is no config file, and must be named in a config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'n1v1-no-config-'));
    try {
      const plain = { ...memoryIo({}), cwd: dir };
      expect(await main(['canary', '--dry-run', '--json', '--version=1.0.0'], plain)).toBe(0);
      const summaries = JSON.parse(plain.out()).plan.map((a: { summary: string }) => a.summary);
      expect(summaries.join('\n')).toMatch(/example-service[/\\]dist[/\\]main\.js/);

      writeFileSync(
        join(dir, 'n1v1.config.json'),
        JSON.stringify({ environments: { staging: { deployer: { type: 'local' } } } }),
      );
      const named = { ...memoryIo({}), cwd: dir };
      expect(await main(['canary', '--dry-run', '--version=1.0.0'], named)).toBe(2);
      expect(named.err()).toMatch(
        /^n1v1: n1v1\.config\.json: environments\.staging\.deployer\.command is required by the local deployer; set it to the argv that starts your service/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('n1v1 promote and n1v1 rollback', () => {
  it('refuse or do nothing clearly when no canary ran, with --json too', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'n1v1-empty-cli-'));
    try {
      const io = { ...memoryIo({}), cwd: empty };
      expect(await main(['promote', '--json'], io)).toBe(1);
      expect(JSON.parse(io.out())).toEqual({
        error: {
          code: 'E_NOT_PASSED',
          message: 'no canary has passed in staging; run "n1v1 canary --env=staging" first',
        },
      });
      const rb = { ...memoryIo({}), cwd: empty };
      expect(await main(['rollback', '--env=staging', '--dry-run', '--json'], rb)).toBe(0);
      expect(JSON.parse(rb.out())).toMatchObject({ outcome: 'planned', ok: true, plan: [] });
      const human = { ...memoryIo({}), cwd: empty };
      expect(await main(['rollback', '--dry-run'], human)).toBe(0);
      expect(human.out()).toBe(
        'rollback in staging: planned\n  dry run: no canary to roll back in staging\n  would, in order:\n',
      );
      for (const name of ['canary', 'promote', 'rollback']) {
        const help = memoryIo();
        await main([name, '--help'], help);
        expect(help.out()).toMatch(new RegExp(`^Usage: n1v1 ${name} `));
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
