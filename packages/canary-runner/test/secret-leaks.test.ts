import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CanaryProgress } from '../src/run/report-types.js';
import { rollback } from '../src/run/rollback-canary.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { type DiscordServer, startDiscordServer } from './helpers/discord-server.js';

let workspace: ReturnType<typeof canaryWorkspace>;
let discord: DiscordServer;
const saved: Record<string, string | undefined> = {};

function setEnv(name: string, value: string): void {
  if (!(name in saved)) saved[name] = process.env[name];
  process.env[name] = value;
}

beforeEach(async () => {
  workspace = canaryWorkspace();
  discord = await startDiscordServer();
});

afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
    delete saved[name];
  }
  await discord.close();
  await workspace.cleanup();
});

/** Every file under a directory, as text. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** How many times any of the secrets occurs in the text. */
function occurrences(text: string, secrets: string[]): number {
  return secrets.reduce((n, secret) => n + (text.split(secret).length - 1), 0);
}

describe('secrets in a canary run', () => {
  it('reach no journal, report, progress line, notification or stderr, even from a script that prints its environment and fails with a URL', async () => {
    const deployToken = 'dpl-tok-7f3a9c1e55';
    const dbPassword = 'hunter2hunter2';
    setEnv('DISCORD_WEBHOOK_URL', discord.webhookUrl);
    setEnv('N1V1_DISCORD_API_BASE', discord.apiBase);
    setEnv('REGISTRY_PASSWORD', 'parent-only-secret-91');
    const script = [
      'env | sort > "env-$N1V1_RUN_ID.txt"',
      'env',
      'echo "DISCORD_WEBHOOK_URL=$DISCORD_WEBHOOK_URL"',
      'echo "calling https://hooks.slack.com/services/T0AAA/B0BBB/slackSecret123" >&2',
      `echo "connect postgres://app:${dbPassword}@db:5432 failed; password: ${dbPassword}" >&2`,
      'echo "POST https://deploy.example/api?token=$DEPLOY_TOKEN failed: 401 Bearer $DEPLOY_TOKEN" >&2',
      'exit 1',
    ].join('\n');
    const deployer = {
      type: 'command' as const,
      deploy: script,
      rollback: script.replace('exit 1', 'exit 0'),
      env: { DEPLOY_TOKEN: deployToken, REGION: 'eu-1' },
    };
    writeFileSync(
      join(workspace.cwd, 'n1v1.config.json'),
      JSON.stringify({
        environments: { staging: { canaryUrl: 'http://127.0.0.1:9/', deployer } },
      }),
    );
    const progress: CanaryProgress[] = [];
    let stderr = '';
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    const report = await runCanary({
      cwd: workspace.cwd,
      version: '1.0.0',
      handleSignals: false,
      onProgress: (event) => progress.push(event),
    });
    const manual = await rollback({ cwd: workspace.cwd });
    write.mockRestore();
    expect(report.verdict).toBe('rolled-back');
    expect(manual.ok).toBe(true);

    const secrets = [
      discord.token,
      deployToken,
      dbPassword,
      'slackSecret123',
      'parent-only-secret-91',
    ];
    const outputs = [
      ...filesUnder(workspace.stateDir).filter((f) => !f.path.includes('env-')),
      { path: 'report', text: JSON.stringify(report) },
      { path: 'manual rollback report', text: JSON.stringify(manual) },
      { path: 'progress', text: JSON.stringify(progress) },
      { path: 'stderr', text: stderr },
      { path: 'discord', text: JSON.stringify(discord.messages.map((m) => m.body)) },
    ];
    const found = outputs
      .map((o) => ({ path: o.path, count: occurrences(o.text, secrets) }))
      .filter((o) => o.count > 0);
    expect(found).toEqual([]);
    // What the script said still reaches the journal and the report, masked.
    expect(report.reason).toContain('Bearer ***');
    const journal = filesUnder(workspace.stateDir).find((f) => f.path.endsWith('.jsonl'))!.text;
    expect(journal).toContain('hooks.slack.com/services/***');
    expect(journal).toContain('REGION=eu-1');
    expect(discord.messages.length).toBeGreaterThan(0);

    // The script saw only the basics, its config's variables and N1V1_*.
    const envFile = readdirSync(workspace.cwd).find((f) => f.startsWith('env-'))!;
    const names = readFileSync(join(workspace.cwd, envFile), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=')[0]!);
    expect(names).not.toContain('DISCORD_WEBHOOK_URL');
    expect(names).not.toContain('REGISTRY_PASSWORD');
    expect(names).toEqual(
      expect.arrayContaining([
        'PATH',
        'DEPLOY_TOKEN',
        'REGION',
        'N1V1_ENV',
        'N1V1_RUN_ID',
        'N1V1_CANARY_URL',
      ]),
    );
    for (const name of names) {
      expect([
        'PATH',
        'HOME',
        'USER',
        'LOGNAME',
        'SHELL',
        'LANG',
        'LC_ALL',
        'LC_CTYPE',
        'TZ',
        'TMPDIR',
        'TERM',
        'PWD',
        'SHLVL',
        '_',
        'DEPLOY_TOKEN',
        'REGION',
      ]).toContain(name.startsWith('N1V1_') ? 'PATH' : name);
    }
  });

  it('refuses a command deployer without canaryUrl as a config error, before any script runs', async () => {
    writeFileSync(
      join(workspace.cwd, 'n1v1.config.json'),
      JSON.stringify({
        environments: {
          staging: {
            deployer: { type: 'command', deploy: 'touch deployed.txt', rollback: 'true' },
          },
        },
      }),
    );
    await expect(
      runCanary({ cwd: workspace.cwd, version: '1.0.0', handleSignals: false, notifier: null }),
    ).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message:
        'environments.staging.canaryUrl is required with the command deployer (its scripts cannot tell the runner where the canary answers); add it to the environment in the config',
    });
    expect(readdirSync(workspace.cwd)).not.toContain('deployed.txt');
    expect(readdirSync(workspace.cwd)).not.toContain('.n1v1');
  });
});
