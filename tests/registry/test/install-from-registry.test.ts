import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_SOURCE, consumerTsconfig } from './helpers/consumer.js';
import { failureReport } from './helpers/failure-report.js';
import { npmNetwork } from './helpers/npm-network.js';
import { readmeBlock } from './helpers/readme-block.js';
import { type CommandResult, runCommand } from './helpers/run-command.js';
import { startApp } from './helpers/service-process.js';
import { type Registry, startVerdaccio } from './helpers/verdaccio.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const healthReadme = join(repo, 'packages/health-server/README.md');
const MINUTES = 60_000;

let root: string;
let registry: Registry;
let env: NodeJS.ProcessEnv;
const timings: Record<string, number> = {};

/**
 * The environment of a stranger's shell: no pnpm, turbo or workspace variables, no tokens,
 * npm on our registry, npm's debug logs in the test's folder (a failure message quotes them).
 */
function userEnv(npmrc: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(npm_|pnpm_|PNPM_|NODE_OPTIONS$|NODE_PATH$|VITEST|TURBO_)/i.test(key) &&
        // A CI job's tokens (NODE_AUTH_TOKEN, GITHUB_TOKEN, a webhook) have no business in
        // the installs, Verdaccio or the demo.
        !/TOKEN|SECRET|PASSWORD|WEBHOOK|CREDENTIAL/i.test(key),
    ),
  );
  return {
    ...clean,
    npm_config_userconfig: npmrc,
    // npm's own cache stays: it is keyed by content, and a re-run then downloads far less.
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_logs_dir: join(root, 'npm-logs'),
  };
}

function npm(args: string[], cwd: string, timeoutMs = 5 * MINUTES): Promise<CommandResult> {
  return runCommand('npm', args, { cwd, env, timeoutMs });
}

function expectOk(result: CommandResult, what: string): void {
  const report = result.code === 0 ? '' : failureReport(what, result, registry);
  expect(result.code, report).toBe(0);
}

/** An empty project folder outside the repository, as `npm init -y` would leave it. */
function project(name: string, extra: Record<string, unknown> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', private: true, type: 'module', ...extra }, null, 2),
  );
  return dir;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'n1v1-registry-'));
  // Verdaccio's uplink goes where npm goes from a user's shell, the way npm gets there (its
  // CA bundle and proxy): a test task's environment (turbo's strict env mode) need not carry
  // the machine's TLS settings, while npm's own config does.
  const network = await npmNetwork(root, userEnv('/dev/null'));
  registry = await startVerdaccio(root, network, userEnv('/dev/null'));
  env = userEnv(registry.npmrc);

  // What release.yml's publish step runs (`changeset publish` after `turbo run build`, which
  // the test task's ^build already did), with git tags left to the real release.
  const started = Date.now();
  const publish = await runCommand(
    process.execPath,
    [join(repo, 'node_modules/@changesets/cli/bin.js'), 'publish', '--no-git-tag'],
    { cwd: repo, env: { ...env, npm_config_registry: registry.url }, timeoutMs: 5 * MINUTES },
  );
  timings.publishMs = Date.now() - started;
  expectOk(publish, 'changeset publish');
}, 10 * MINUTES);

afterAll(async () => {
  await registry?.stop();
  process.stderr.write(`registry test timings (ms): ${JSON.stringify(timings)}\n`);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the packages as a stranger installs them from a registry', () => {
  it('publishes every public package, with its license, changelog-ready files and no dangling maps', async () => {
    for (const name of [
      'cli',
      'canary-runner',
      'health-server',
      'notifier',
      'redact',
      'smoke-tests',
      'example-service',
    ]) {
      const view = await npm(['view', `@n1v1/${name}`, '--json'], root);
      expectOk(view, `npm view @n1v1/${name}`);
      const meta = JSON.parse(view.stdout) as Record<string, unknown>;
      expect(meta.license).toBe('MIT');
      expect(meta.repository).toMatchObject({ type: 'git', directory: expect.any(String) });
    }
    const pack = await npm(['pack', '@n1v1/canary-runner', '--dry-run', '--json'], root);
    expectOk(pack, 'npm pack @n1v1/canary-runner');
    const files = (
      JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>
    )[0]!.files.map((f) => f.path);
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect(files.filter((f) => f.endsWith('.d.ts.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/'))).toEqual([]);
  });

  it('installs the CLI globally into an empty prefix, and its demo promotes the good canary and rolls back the bad one', async () => {
    const prefix = join(root, 'global');
    let started = Date.now();
    expectOk(
      await npm(['install', '-g', '@n1v1/cli', '--prefix', prefix], root),
      'npm install -g @n1v1/cli',
    );
    timings.cliInstallMs = Date.now() - started;
    const work = project('demo-here');
    started = Date.now();
    const demo = await runCommand(
      join(prefix, 'bin', 'n1v1'),
      ['demo', '--monitor=6s', '--interval=2s'],
      {
        cwd: work,
        env: { ...env, PATH: `${join(prefix, 'bin')}:${env.PATH}` },
        timeoutMs: 4 * MINUTES,
      },
    );
    timings.demoMs = Date.now() - started;
    expectOk(demo, 'n1v1 demo');
    expect(demo.stdout).toMatch(/good canary 1\.1\.0: promoted \(expected promoted\)/);
    expect(demo.stdout).toMatch(/bad canary +1\.2\.0-bad: rolled-back \(expected rolled-back\)/);
    expect(demo.stdout).toContain('every outcome was as expected');
  });

  it('serves the README example with express 4, express 5 and plain node:http, with only what the README installs', async () => {
    const apps = [
      {
        name: 'express4-app',
        deps: ['@n1v1/health-server', 'prom-client', 'express@4'],
        file: 'service.mjs',
      },
      {
        name: 'express5-app',
        deps: ['@n1v1/health-server', 'prom-client', 'express@5'],
        file: 'service.mjs',
      },
      {
        name: 'node-http-app',
        deps: ['@n1v1/health-server', 'prom-client'],
        file: 'http-service.mjs',
      },
    ];
    const started = Date.now();
    const installs = await Promise.all(
      apps.map(async (app) => {
        const dir = project(app.name);
        writeFileSync(join(dir, app.file), readmeBlock(healthReadme, app.file));
        return { ...app, dir, result: await npm(['install', ...app.deps], dir) };
      }),
    );
    timings.appInstallsMs = Date.now() - started;
    for (const app of installs) {
      expectOk(app.result, `npm install in ${app.name}`);
      const ls = await npm(['ls', 'express', '--all', '--parseable'], app.dir);
      const copies = ls.stdout.split('\n').filter((line) => line.endsWith('/node_modules/express'));
      // Exactly the user's own express (none for node:http): health-server brings no second one.
      expect(copies, app.name).toHaveLength(app.name === 'node-http-app' ? 0 : 1);

      const running = await startApp(app.dir, app.file);
      try {
        const health = await fetch(`${running.url}/health`);
        expect(health.status, running.output()).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'pass', version: '1.4.2' });
        const ready = await fetch(`${running.url}/ready`);
        const body = (await ready.json()) as { status: string; checks: Record<string, unknown> };
        expect(Object.keys(body.checks)).toContain('exchange:responseTime');
        expect(ready.status).toBe(body.status === 'fail' ? 503 : 200);
        expect((await fetch(`${running.url}/api/v1/orders/42`)).status).toBe(200);
        const metrics = await (await fetch(`${running.url}/metrics`)).text();
        expect(metrics).toMatch(
          /http_requests_total\{method="GET",route="\/api\/v1\/orders\/:id",status_code="200"\} 1/,
        );
      } finally {
        await running.stop();
      }
    }
  });

  it('type-checks a TypeScript consumer of every library with skipLibCheck off, under node16 and bundler resolution', async () => {
    const dir = project('ts-consumer');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'index.ts'), CONSUMER_SOURCE);
    const started = Date.now();
    const install = await npm(
      [
        'install',
        '@n1v1/canary-runner',
        '@n1v1/health-server',
        '@n1v1/notifier',
        '@n1v1/smoke-tests',
        'prom-client',
        '@types/node@20',
      ],
      dir,
    );
    timings.consumerInstallMs = Date.now() - started;
    expectOk(install, 'npm install in ts-consumer');
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    for (const resolution of ['node16', 'bundler'] as const) {
      const config = join(dir, `tsconfig.${resolution}.json`);
      writeFileSync(config, consumerTsconfig(resolution));
      const check = await runCommand(process.execPath, [tsc, '-p', config], {
        cwd: dir,
        env,
        timeoutMs: 2 * MINUTES,
      });
      expectOk(check, `tsc (${resolution})`);
    }
  });
});
