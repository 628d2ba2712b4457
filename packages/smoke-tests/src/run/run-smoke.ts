import { setMaxListeners } from 'node:events';
import { builtInChecks, DEFAULT_HEALTH_PATH } from '../checks/built-in-checks.js';
import type { Check, CheckContext } from '../checks/check-types.js';
import { customCheck } from '../checks/custom-check.js';
import type { CustomCheckConfig } from '../config/config-types.js';
import { formatMs } from '../format.js';
import { createHttpClient } from '../http/http-client.js';
import type { HttpExchange } from '../http/http-types.js';
import type { LoadReport } from '../load/load-types.js';
import type { SmokeProfile } from '../profiles/smoke-profiles.js';
import type { CheckResult, ProgressEvent, SmokeOptions, SmokeReport } from '../smoke-types.js';
import { redactUrl } from '../target.js';
import { loadCheck } from './load-check.js';
import { redactSecrets } from './redact.js';
import { DEFAULT_MAX_BODY_BYTES, resolveSmokeOptions } from './resolve-smoke-options.js';
import { runChecks } from './run-checks.js';
import { waitForHealth } from './wait-for-health.js';

/**
 * Judges a deployed service: optional wait for `/health`, the built-in and configured
 * checks concurrently, then the load check when asked. A misbehaving target is a failed
 * check, never a throw; only a bad URL or configuration throws (`SmokeError`).
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const run = await resolveSmokeOptions(options);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const emit = (event: ProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch {
      // A broken progress display must not break the verdict.
    }
  };
  const controller = new AbortController();
  // Every request and check in flight listens on this one signal.
  setMaxListeners(0, controller.signal);
  const deadline = setTimeout(
    () =>
      controller.abort(
        new Error(
          `the run's ${formatMs(run.deadlineMs)} deadline passed before this check finished`,
        ),
      ),
    run.deadlineMs,
  );
  const onCallerAbort = () =>
    controller.abort(new Error('the run was aborted before this check finished'));
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const http = createHttpClient({
    base: run.base,
    timeoutMs: run.timeoutMs,
    maxBodyBytes: run.config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    headers: run.headers,
    signal: controller.signal,
    ...(options.insecure ? { insecure: true } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  try {
    // The wait polls the health path this run checks: the profile's, the config's or the flag's.
    const healthPath = run.config.health?.path ?? DEFAULT_HEALTH_PATH;
    const wait =
      run.waitMs > 0
        ? await waitForHealth(http, healthPath, run.waitMs, run.timeoutMs, emit, controller.signal)
        : undefined;
    const shared = new Map<string, Promise<HttpExchange>>();
    const context: CheckContext = {
      http,
      config: run.config,
      profile: run.profile,
      get(path) {
        if (!shared.has(path)) shared.set(path, http.request({ path }));
        return shared.get(path)!;
      },
    };
    const skipped = new Set<string>(run.config.skip ?? []);
    const checks = planChecks(run.config.checks ?? [], run.profile);
    const ran = await runChecks(
      checks.filter((c) => !skipped.has(c.check.name) && c.inProfile).map((c) => c.check),
      context,
      emit,
      controller.signal,
    );
    const results = checks.map(
      ({ check, inProfile }): CheckResult =>
        ran.find((r) => r.name === check.name) ?? {
          name: check.name,
          status: 'skip',
          durationMs: 0,
          error: inProfile
            ? 'skipped by the configuration'
            : `not part of the ${run.profile.name} profile`,
        },
    );
    const health = results[0]!;
    if (wait && !wait.answered && health.status === 'fail') {
      health.error = `${health.error}; no 2xx within the ${formatMs(run.waitMs)} wait`;
    }
    let load: LoadReport | undefined;
    if (run.load) {
      if (skipped.has('load')) {
        results.push({
          name: 'load',
          status: 'skip',
          durationMs: 0,
          error: 'skipped by the configuration',
        });
      } else {
        const outcome = await loadCheck(
          run.load,
          health.status !== 'fail',
          emit,
          controller.signal,
        );
        results.push(outcome.check);
        load = outcome.report;
      }
    }
    const report: SmokeReport = {
      schemaVersion: 1,
      status: results.some((r) => r.status === 'fail') ? 'fail' : 'pass',
      profile: run.profile.name,
      target: printable(run.base),
      startedAt,
      durationMs: Math.round(performance.now() - started),
      ...(wait ? { waitedMs: wait.waitedMs } : {}),
      summary: {
        total: results.length,
        passed: results.filter((r) => r.status === 'pass').length,
        failed: results.filter((r) => r.status === 'fail').length,
        skipped: results.filter((r) => r.status === 'skip').length,
      },
      checks: results,
      ...(load ? { load } : {}),
    };
    return redactSecrets(report, run.secrets);
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onCallerAbort);
    http.close();
  }
}

/** The target as given: `http://h:8000`, not `http://h:8000/`, credentials redacted. */
function printable(base: URL): string {
  const text = redactUrl(base.href);
  return base.pathname === '/' && !base.search && !base.hash ? text.replace(/\/$/, '') : text;
}

/**
 * The checks in report order: the built-ins (a custom check of the same name takes its
 * place: a service's own `ready`), then the other custom checks. Built-ins the profile does
 * not have are listed, to be reported as skipped.
 */
function planChecks(
  custom: CustomCheckConfig[],
  profile: SmokeProfile,
): Array<{ check: Check; inProfile: boolean }> {
  const byName = new Map(custom.map((c) => [c.name, c]));
  const builtIns = builtInChecks.map((check) => {
    const own = byName.get(check.name);
    if (own) return { check: customCheck(own), inProfile: true };
    return { check, inProfile: (profile.checks as string[]).includes(check.name) };
  });
  const taken = new Set(builtInChecks.map((c) => c.name));
  return [
    ...builtIns,
    ...custom
      .filter((c) => !taken.has(c.name))
      .map((c) => ({ check: customCheck(c), inProfile: true })),
  ];
}
