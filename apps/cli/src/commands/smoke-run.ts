import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { durationFlag } from '../parse-duration.js';
import { parseFlags } from '../parse-flags.js';
import { paintFor } from '../render/color.js';
import { createProgress } from '../render/progress.js';
import { publishToGithub } from '../render/publish-to-github.js';
import { renderSmokeTable } from '../render/smoke-table.js';
import { UsageError } from '../usage-error.js';
import { readLoadFlags, readTargetFlags, targetFlags } from './smoke-flags.js';

const spec = {
  ...targetFlags,
  junit: { type: 'string' },
  config: { type: 'string' },
  wait: { type: 'string' },
  deadline: { type: 'string' },
  load: { type: 'boolean' },
  profile: { type: 'string' },
  'health-path': { type: 'string' },
  'ready-path': { type: 'string' },
  'status-path': { type: 'string' },
  'metrics-path': { type: 'string' },
} as const;

/** `n1v1 smoke`: parses the flags, runs the check, renders the report; resolves to the exit code. */
export async function runSmokeCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags('smoke', argv, spec);
  const target = readTargetFlags('smoke', flags, io);
  const load = readLoadFlags('smoke', flags);
  if (!flags.load && Object.keys(load).length > 0) {
    throw new UsageError(
      'smoke: --duration, --connections, --max-p99, --max-error-rate and --min-rps need --load',
    );
  }
  const waitMs = durationFlag('smoke', 'wait', flags.wait);
  const deadlineMs = durationFlag('smoke', 'deadline', flags.deadline);
  const smoke = await import('@n1v1/smoke-tests');
  const config =
    typeof flags.config === 'string'
      ? await smoke.loadSmokeConfig(resolve(io.cwd, flags.config))
      : undefined;
  const profileName = flags.profile ?? config?.profile ?? 'n1v1';
  if (!smoke.isSmokeProfileName(profileName)) {
    throw new UsageError(
      `smoke: --profile must be one of ${smoke.SMOKE_PROFILE_NAMES.join(', ')}, got "${profileName}"`,
    );
  }
  const paths = readPathFlags(flags);
  if (waitMs) {
    const healthPath =
      paths.health ?? config?.health?.path ?? smoke.SMOKE_PROFILES[profileName].paths.health;
    io.stderr.write(
      `smoke: waiting up to ${waitMs / 1000} s for ${smoke.redactUrl(target.url)} to answer ${healthPath}\n`,
    );
  }
  const progress = createProgress(io.stderr);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const report = await smoke
    .runSmoke({
      ...target,
      ...(waitMs === undefined ? {} : { waitMs }),
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      ...(config ? { config } : {}),
      profile: profileName,
      paths,
      ...(flags.load ? { load } : {}),
      onProgress: progress.onProgress,
      signal: controller.signal,
    })
    .finally(() => {
      process.removeListener('SIGINT', interrupt);
      progress.done();
    });
  io.stdout.write(
    flags.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderSmokeTable(report, paintFor(io.stdout, io.env)),
  );
  if (typeof flags.junit === 'string') {
    const file = resolve(io.cwd, flags.junit);
    await writeFile(file, smoke.renderJUnit(report)).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(
        `smoke: cannot write the JUnit report to ${flags.junit} (${error.code ?? error.message})`,
      );
    });
  }
  publishToGithub(io, Boolean(flags.json), {
    failures: report.checks
      .filter((c) => c.status === 'fail')
      .map((c) => ({ title: `smoke ${c.name} failed`, message: c.error ?? 'failed' })),
    markdown: () => smoke.renderMarkdown(report),
  });
  return report.status === 'pass' ? ExitCode.Ok : ExitCode.Failed;
}

/** `--health-path=/-/healthy` and the like; each must be a path. */
function readPathFlags(flags: Record<string, unknown>) {
  const paths: { health?: string; ready?: string; status?: string; metrics?: string } = {};
  for (const name of ['health', 'ready', 'status', 'metrics'] as const) {
    const value = flags[`${name}-path`];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !value.startsWith('/'))
      throw new UsageError(
        `smoke: --${name}-path must start with "/", e.g. /health, got "${value}"`,
      );
    paths[name] = value;
  }
  return paths;
}
