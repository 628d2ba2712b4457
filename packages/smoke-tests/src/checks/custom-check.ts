import type { CustomCheckConfig } from '../config/config-types.js';
import type { Check } from './check-types.js';
import { runProbe } from './probe.js';

/** A check from the configuration's `checks` list. */
export function customCheck(config: CustomCheckConfig): Check {
  const { name, ...probe } = config;
  return { name, run: (context) => runProbe(context, probe) };
}
