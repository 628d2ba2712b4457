import type { ErrorObject, ValidateFunction } from 'ajv';
import { SmokeError } from '../smoke-error.js';
import type { ProbeConfig, SmokeConfig } from './config-types.js';
import { formatSchemaError } from './format-schema-error.js';
import { readSchema } from './schema-files.js';

let validator: ValidateFunction | undefined;

/**
 * Checks a configuration against `schema/config.schema.json` and the rules a schema cannot
 * say (unique names, valid regular expressions, no order placement unless allowed). The
 * first problem is an `E_CONFIG_INVALID` that names the field. ajv loads on first use only.
 */
export async function validateConfig(value: unknown, source = 'config'): Promise<SmokeConfig> {
  if (!validator) {
    const { default: ajv } = await import('ajv');
    validator = new ajv.default({ allErrors: false, strict: true }).compile(readSchema('config'));
  }
  if (!validator(value)) {
    throw invalid(source, formatSchemaError(pickError(validator.errors!)));
  }
  const config = value as SmokeConfig;
  // A custom check may take a built-in's name (a service's own `ready`), never `load`'s.
  const names = new Set<string>(['load']);
  for (const [i, check] of (config.checks ?? []).entries()) {
    if (names.has(check.name)) {
      const what = check.name === 'load' ? 'the load check' : 'an earlier check';
      throw invalid(
        source,
        `"checks[${i}].name" is "${check.name}", the name of ${what}; choose another`,
      );
    }
    names.add(check.name);
    guardProbe(source, `checks[${i}]`, check, config.trading?.allowOrders === true);
  }
  if (config.trading?.probe)
    guardProbe(source, 'trading.probe', config.trading.probe, config.trading.allowOrders === true);
  return config;
}

/**
 * The error to show. For a value that matches no branch of a `oneOf`, ajv lists each
 * branch's complaint first ("must be integer") and the `oneOf` last; the last says it best.
 */
function pickError(errors: ErrorObject[]): ErrorObject {
  const last = errors.at(-1)!;
  return last.keyword === 'oneOf' || last.keyword === 'anyOf' ? last : errors[0]!;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function guardProbe(source: string, field: string, probe: ProbeConfig, allowOrders: boolean): void {
  for (const [j, expectation] of (probe.expectJson ?? []).entries()) {
    if (expectation.matches === undefined) continue;
    try {
      new RegExp(expectation.matches);
    } catch {
      throw invalid(
        source,
        `"${field}.expectJson[${j}].matches" is not a valid regular expression`,
      );
    }
  }
  const path = probe.path.split('?')[0]!.replace(/\/+$/, '');
  const segments = path.split('/');
  const placesOrder =
    WRITES.has(probe.method ?? 'GET') &&
    segments.includes('orders') &&
    segments.at(-1) !== 'validate';
  if (placesOrder && !allowOrders) {
    throw invalid(
      source,
      `"${field}" (${probe.method} ${probe.path}) could place a real order; probe a side-effect-free endpoint such as POST /api/v1/orders/validate, or set "trading.allowOrders": true to place orders on purpose`,
    );
  }
}

function invalid(source: string, message: string): SmokeError {
  return new SmokeError('E_CONFIG_INVALID', `${source}: ${message}`);
}
