import { CanaryError } from '../canary-error.js';
import type { DeployResult } from '../deployers/deployer.js';
import type { CanaryReport } from './report-types.js';
import type { RunContext } from './run-context.js';
import { smokeConfigOf } from './smoke-config.js';
import { withTimeout } from './with-timeout.js';

/** Runs one step with its timeout, journaled before and after. */
export async function journaledStep<T>(
  ctx: RunContext,
  step: string,
  timeoutSec: number,
  signal: AbortSignal,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  ctx.journal?.append('step.started', { step });
  try {
    const result = await withTimeout(step, timeoutSec * 1000, signal, run);
    ctx.journal?.append('step.finished', { step, ok: true });
    return result;
  } catch (error) {
    ctx.journal?.append('step.finished', {
      step,
      ok: false,
      data: { error: (error as Error).message },
    });
    throw error;
  }
}

/** Deploys and settles the URLs the rest of the run uses; config URLs win over the deployer's. */
export async function deployStep(
  ctx: RunContext,
  signal: AbortSignal,
): Promise<{ canaryUrl: string; baselineUrl?: string }> {
  const result: DeployResult = await journaledStep(
    ctx,
    'deploy',
    ctx.config.timeouts.deploySec,
    signal,
    (s) => ctx.deployer.deploy(ctx.deployContext(s)),
  );
  const canaryUrl = ctx.config.canaryUrl ?? result.canaryUrl;
  const baselineUrl = ctx.config.baselineUrl ?? result.baselineUrl;
  if (!canaryUrl) {
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `environments.${ctx.config.env}.canaryUrl is required with the ${ctx.deployer.type} deployer`,
    );
  }
  ctx.mark(
    'deploy.finished',
    `canary ${canaryUrl}${baselineUrl ? `, baseline ${baselineUrl}` : ''}`,
    { canaryUrl, baselineUrl },
  );
  return { canaryUrl, ...(baselineUrl ? { baselineUrl } : {}) };
}

let smokeSuite: Promise<typeof import('@n1v1/smoke-tests')> | undefined;

/**
 * The smoke suite's code, loaded once, by the first run that needs it rather than by
 * `import('@n1v1/canary-runner')`: a library user who never runs a smoke step does not pay
 * for it. runCanary starts loading it before the deploy, so the smoke step does not pause the
 * process (and any service sharing it) while the canary is being judged.
 */
export function loadSmokeSuite(): Promise<typeof import('@n1v1/smoke-tests')> {
  smokeSuite ??= import('@n1v1/smoke-tests');
  return smokeSuite;
}

/** The smoke suite against the canary (the caller fails the run when it failed). */
export async function smokeStep(
  ctx: RunContext,
  canaryUrl: string,
  signal: AbortSignal,
): Promise<NonNullable<CanaryReport['smoke']>> {
  const { smoke } = ctx.config;
  const config = await smokeConfigOf(ctx.config);
  const { runSmoke } = await loadSmokeSuite();
  const report = await journaledStep(ctx, 'smoke', ctx.config.timeouts.smokeSec, signal, (s) =>
    runSmoke({
      url: canaryUrl,
      timeoutMs: smoke.timeoutMs,
      load: smoke.load,
      signal: s,
      ...(smoke.profile ? { profile: smoke.profile } : {}),
      ...(config ? { config } : {}),
    }),
  );
  const failed = report.checks
    .filter((c) => c.status === 'fail')
    .map((c) => ({ name: c.name, ...(c.error ? { error: c.error } : {}) }));
  ctx.mark(
    'smoke.finished',
    `${report.status}: ${report.summary.passed}/${report.summary.total} checks passed`,
  );
  return { status: report.status, failed };
}

/** Why a failed smoke run fails the canary: its first failing check, in one line. */
export function smokeFailureReason(smoke: NonNullable<CanaryReport['smoke']>): string {
  const first = smoke.failed[0];
  return `smoke test failed: ${first ? `${first.name}: ${first.error ?? 'failed'}` : 'see the smoke report'}`;
}
