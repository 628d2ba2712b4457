#!/usr/bin/env node
// Checks the CI run whose journal the production rollout is about to trust, before anything is
// downloaded: it must be a run of .github/workflows/ci.yml, for a push to main, in this
// repository. A pull request's run (or a fork's, or another workflow's) can upload an artifact
// named canary-report whose journal says "this version passed"; it must never gate production.
//
// Environment: CANARY_RUN_ID, GITHUB_REPOSITORY, GH_TOKEN, GITHUB_API_URL (set by Actions).
// Exit 0 when the run may be used; 1 with one line on stderr saying why not.
const expected = { path: '.github/workflows/ci.yml', branch: 'main', event: 'push' };

function fail(message) {
  process.stderr.write(`verify-canary-run: ${message}\n`);
  process.exit(1);
}

const runId = process.env.CANARY_RUN_ID ?? '';
const repository = process.env.GITHUB_REPOSITORY ?? '';
const api = (process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
if (!/^\d{1,20}$/.test(runId))
  fail(`canary-run-id must be a run number (got ${JSON.stringify(runId)})`);
if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) fail('GITHUB_REPOSITORY is not set to owner/name');

let run;
try {
  const res = await fetch(`${api}/repos/${repository}/actions/runs/${runId}`, {
    headers: {
      accept: 'application/vnd.github+json',
      ...(process.env.GH_TOKEN ? { authorization: `Bearer ${process.env.GH_TOKEN}` } : {}),
    },
  });
  if (!res.ok) fail(`run ${runId} of ${repository}: HTTP ${res.status} from the GitHub API`);
  run = await res.json();
} catch (error) {
  fail(`run ${runId}: cannot read it from the GitHub API: ${error.message}`);
}

const path = String(run.path ?? '').split('@')[0];
const problems = [];
if (path !== expected.path)
  problems.push(`its workflow is ${JSON.stringify(run.path)}, not ${expected.path}`);
if (run.head_branch !== expected.branch)
  problems.push(`its branch is ${JSON.stringify(run.head_branch)}, not ${expected.branch}`);
if (run.event !== expected.event)
  problems.push(`its event is ${JSON.stringify(run.event)}, not ${expected.event}`);
if (run.head_repository?.full_name !== repository) {
  problems.push(`it ran for ${JSON.stringify(run.head_repository?.full_name)}, not ${repository}`);
}
if (problems.length > 0) fail(`run ${runId} cannot gate production: ${problems.join('; ')}`);
process.stdout.write(
  `run ${runId}: ${expected.path} on ${expected.branch} (${expected.event}) at ${run.head_sha}\n`,
);
