import { HealthError } from '../health-error.js';
import { numberIn } from '../validate.js';
import type { CheckSpec } from './check-spec.js';
import type { Check, CheckKind, CheckOptions } from './check-types.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** Validates one registration and resolves its defaults. */
export function resolveCheck(
  kind: CheckKind,
  name: unknown,
  check: unknown,
  options: CheckOptions = {},
  defaults: { timeoutMs: number; cacheMs: number },
): CheckSpec {
  const where = `health.${kind}()`;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: check name must be 1-63 letters, digits, ".", "_" or "-" (got ${JSON.stringify(name)}); e.g. "postgres"`,
    );
  }
  const definition =
    typeof check === 'function'
      ? { run: check as CheckSpec['run'] }
      : typeof check === 'object' &&
          check !== null &&
          typeof (check as { run?: unknown }).run === 'function'
        ? (check as Exclude<Check, CheckSpec['run']>)
        : undefined;
  if (definition === undefined) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: check "${name}" must be an async function or a built-in check such as checks.tcp({ host, port })`,
    );
  }
  const measurement = options.measurement ?? definition.measurement ?? 'responseTime';
  if (!NAME.test(measurement)) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: measurement of "${name}" must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(measurement)})`,
    );
  }
  const spec: CheckSpec = {
    name,
    kind,
    key: `${name}:${measurement}`,
    run: definition.run,
    timeoutMs: numberIn(where, `${name}.timeoutMs`, options.timeoutMs, defaults.timeoutMs, 1),
    cacheMs: numberIn(where, `${name}.cacheMs`, options.cacheMs, defaults.cacheMs, 0),
    critical: options.critical !== false,
  };
  const componentType = options.componentType ?? definition.componentType;
  if (componentType !== undefined) spec.componentType = componentType;
  if (definition.close !== undefined) spec.close = () => definition.close?.();
  return spec;
}
