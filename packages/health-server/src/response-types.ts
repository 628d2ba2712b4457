import type { CheckStatus } from './checks/check-types.js';
import type { LifecycleState } from './lifecycle.js';

/** One entry of the IETF `checks` object. */
export interface HealthCheckEntry {
  componentType?: string;
  observedValue?: unknown;
  observedUnit?: string;
  status: CheckStatus;
  /** ISO 8601 time the check last ran. */
  time: string;
  /** Only for callers allowed to see details. */
  output?: string;
}

/** Body of `/health` and `/ready` (`application/health+json`). */
export interface HealthBody {
  status: CheckStatus;
  version: string;
  releaseId: string;
  serviceId: string;
  description?: string;
  /** Why readiness fails without a failing check: `starting` or `shutting down`. */
  output?: string;
  checks: Record<string, HealthCheckEntry[]>;
}

/** The `trading` block a trading service returns from its status provider. */
export interface TradingStatus {
  mode: 'paper' | 'live';
  enabled: boolean;
  venues?: string[];
  /** Age of the newest market data, in ms. */
  marketDataAgeMs?: number;
  [key: string]: unknown;
}

/** What a status provider returns: merged into `/api/v1/status` beside the fixed fields. */
export type StatusExtra = { trading?: TradingStatus } & Record<string, unknown>;

export type StatusProvider = () => StatusExtra | Promise<StatusExtra>;

/** Body of `/api/v1/status`. */
export interface StatusBody {
  service: string;
  version: string;
  releaseId: string;
  environment: string;
  /** Seconds since the health object was created. */
  uptimeSec: number;
  status: CheckStatus;
  state: LifecycleState;
  checks: { total: number; pass: number; warn: number; fail: number };
  trading?: TradingStatus;
  [key: string]: unknown;
}
