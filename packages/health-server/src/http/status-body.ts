import { worse } from '../checks/aggregate-status.js';
import type { CheckGroup, Evaluation } from '../checks/check-group.js';
import { describeFailure } from '../describe-failure.js';
import type { HealthLogger } from '../health-options.js';
import type { Lifecycle } from '../lifecycle.js';
import type { StatusBody, StatusExtra, StatusProvider } from '../response-types.js';

export interface StatusSources {
  service: string;
  version: string;
  releaseId: string;
  environment: string;
  startedAt: number;
  lifecycle: Lifecycle;
  groups: CheckGroup[];
  provider: () => StatusProvider | undefined;
  providerTimeoutMs: number;
  redact: (text: string) => string;
  logger: HealthLogger;
}

/**
 * The `/api/v1/status` body: fixed fields from the health object, which a provider cannot
 * overwrite, beside whatever the provider returns. A provider that throws or is slow costs
 * its own fields, never the endpoint.
 */
export async function statusBody(sources: StatusSources): Promise<StatusBody> {
  const [evaluations, extra] = await Promise.all([
    Promise.all(sources.groups.map((group) => group.evaluate())),
    provide(sources),
  ]);
  const counts = { total: 0, pass: 0, warn: 0, fail: 0 };
  let status: StatusBody['status'] = 'pass';
  for (const evaluation of evaluations as Evaluation[]) {
    status = worse(status, evaluation.status);
    for (const result of evaluation.results) {
      counts.total++;
      counts[result.status]++;
    }
  }
  return {
    ...extra,
    service: sources.service,
    version: sources.version,
    releaseId: sources.releaseId,
    environment: sources.environment,
    uptimeSec: Math.round((performance.now() - sources.startedAt) / 10) / 100,
    status,
    state: sources.lifecycle.state,
    checks: counts,
  };
}

async function provide(sources: StatusSources): Promise<StatusExtra> {
  const provider = sources.provider();
  if (provider === undefined) return {};
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`status provider timed out after ${sources.providerTimeoutMs} ms`)),
        sources.providerTimeoutMs,
      );
    });
    const extra = await Promise.race([Promise.resolve().then(provider), timeout]);
    return typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? extra : {};
  } catch (error) {
    sources.logger.warn(`status provider failed: ${describeFailure(error, sources.redact)}`);
    return {};
  } finally {
    clearTimeout(timer);
  }
}
