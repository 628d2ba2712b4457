import type { SmokeConfig } from '../config/config-types.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpExchange } from '../http/http-types.js';
import type { SmokeProfile } from '../profiles/smoke-profiles.js';
import type { CheckResult } from '../smoke-types.js';

/** What a check gets to work with. */
export interface CheckContext {
  http: HttpClient;
  /** A GET shared by the checks of one run: `status` and `trading` read the status once. */
  get(path: string): Promise<HttpExchange>;
  /** Endpoint paths are filled in (option, config or profile). */
  config: SmokeConfig;
  profile: SmokeProfile;
}

/** What a check decided; the runner adds the name and the timing. */
export type CheckOutcome = Pick<CheckResult, 'status' | 'error' | 'details'>;

export interface Check {
  name: string;
  run(context: CheckContext): Promise<CheckOutcome>;
}

export function pass(details?: Record<string, unknown>): CheckOutcome {
  return details ? { status: 'pass', details } : { status: 'pass' };
}

export function fail(error: string, details?: Record<string, unknown>): CheckOutcome {
  return details ? { status: 'fail', error, details } : { status: 'fail', error };
}

export function skip(reason: string): CheckOutcome {
  return { status: 'skip', error: reason };
}
