import type { Check } from './check-types.js';
import { healthCheck } from './health-check.js';
import { resourcesCheck } from './resources-check.js';
import { statusCheck } from './status-check.js';
import { tradingCheck } from './trading-check.js';

export const DEFAULT_HEALTH_PATH = '/health';

/** The built-in checks in report order (`load` runs apart, after them). */
export const builtInChecks: Check[] = [
  healthCheck('health', DEFAULT_HEALTH_PATH),
  healthCheck('ready', '/ready'),
  statusCheck,
  tradingCheck,
  resourcesCheck,
];
