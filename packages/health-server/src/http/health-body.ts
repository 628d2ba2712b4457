import type { Evaluation } from '../checks/check-group.js';
import type { CheckResult, CheckStatus } from '../checks/check-types.js';
import type { HealthBody, HealthCheckEntry } from '../response-types.js';

/** The fixed part of every health body. */
export interface BodyIdentity {
  version: string;
  releaseId: string;
  serviceId: string;
  description?: string;
}

/**
 * Builds the IETF health body of a round. Without `details` a check shows its status,
 * time and component type only: error text and measured values can say more about
 * internals than an anonymous caller should learn.
 */
export function healthBody(
  identity: BodyIdentity,
  evaluation: Evaluation,
  details: boolean,
  override?: { status: CheckStatus; output: string },
): HealthBody {
  const body: HealthBody = {
    status: override?.status ?? evaluation.status,
    version: identity.version,
    releaseId: identity.releaseId,
    serviceId: identity.serviceId,
    checks: {},
  };
  if (identity.description !== undefined) body.description = identity.description;
  if (override !== undefined) body.output = override.output;
  for (const result of evaluation.results) {
    body.checks[result.key] = [entry(result, details)];
  }
  return body;
}

function entry(result: CheckResult, details: boolean): HealthCheckEntry {
  const out: HealthCheckEntry = { status: result.status, time: result.time };
  if (result.componentType !== undefined) out.componentType = result.componentType;
  if (details) {
    if (result.observedValue !== undefined) out.observedValue = result.observedValue;
    if (result.observedUnit !== undefined) out.observedUnit = result.observedUnit;
    if (result.output !== undefined) out.output = result.output;
  }
  return out;
}
