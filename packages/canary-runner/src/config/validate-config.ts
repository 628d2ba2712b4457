import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { CanaryError } from '../canary-error.js';

/** Where the shipped schema lives: same depth below the package root from src/ and dist/. */
export const CONFIG_SCHEMA_URL = new URL('../../schema/config.schema.json', import.meta.url);

let compiled: { file: ValidateFunction; environment: ValidateFunction } | undefined;

function validators() {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8'));
    // Required on first use, not imported: ajv alone is ~60 ms of every import of this package.
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(schema);
    compiled = {
      file: ajv.getSchema(schema.$id)!,
      environment: ajv.getSchema(`${schema.$id}#/definitions/environment`)!,
    };
  }
  return compiled;
}

/** Validates a whole `n1v1.config.json`; throws E_CONFIG_INVALID naming the first bad field. */
export function validateConfigFile(value: unknown, source: string): void {
  const validate = validators().file;
  if (!validate(value)) throw invalid(source, '', validate.errors ?? []);
}

/** Validates one environment block (after options were merged in); `at` prefixes field names. */
export function validateEnvironment(value: unknown, source: string, at: string): void {
  const validate = validators().environment;
  if (!validate(value)) throw invalid(source, at, validate.errors ?? []);
}

function invalid(source: string, at: string, errors: ErrorObject[]): CanaryError {
  return new CanaryError('E_CONFIG_INVALID', `${source}: ${describeSchemaError(errors, at)}`);
}

/**
 * One line for the most useful schema error: the deepest field wins, and the `if`/`oneOf`
 * wrappers that only say "some branch failed" are skipped when a concrete error exists.
 */
export function describeSchemaError(errors: ErrorObject[], at = ''): string {
  const concrete = errors.filter((e) => !['if', 'oneOf', 'anyOf', 'allOf'].includes(e.keyword));
  const pool = concrete.length > 0 ? concrete : errors;
  const best = [...pool].sort((a, b) => depth(b) - depth(a))[0];
  if (!best) return 'invalid configuration';
  const field = fieldName(at, best.instancePath);
  const params = best.params as Record<string, unknown>;
  switch (best.keyword) {
    case 'additionalProperties':
      return `${join(field, String(params.additionalProperty))} is not a known field; remove it or check its spelling`;
    case 'required':
      return `${join(field, String(params.missingProperty))} is required`;
    case 'enum':
      return `${field || 'value'} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${field || 'value'} must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      return `${field || 'value'} has an invalid format (expected to match ${String(params.pattern)})`;
    default:
      return `${field || 'configuration'} ${best.message ?? 'is invalid'}`;
  }
}

function depth(error: ErrorObject): number {
  return error.instancePath.split('/').length + (error.keyword === 'required' ? 1 : 0);
}

function fieldName(at: string, instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean).map(unescapePointer);
  return join(at, parts.join('.'));
}

function join(a: string, b: string): string {
  return a && b ? `${a}.${b}` : a || b;
}

function unescapePointer(part: string): string {
  return part.replaceAll('~1', '/').replaceAll('~0', '~');
}
