import { ApiError } from '../api/api-error.js';
import { resolveSchema } from '../openapi/definitions.js';
import type { SchemaObject } from '../openapi/schema-dsl.js';
import { isObject } from '../patch/json-values.js';
import type { Obj } from '../store/object-store.js';

/** How the server treats fields its schema does not know (the `fieldValidation` parameter). */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/**
 * Decodes a body against the schema as the API server's JSON decoder does: a wrong type is
 * a 400; unknown fields are dropped, with a warning (`Warn`, the default) or a 400 (`Strict`).
 * Returns the warnings.
 */
export function checkTypes(object: Obj, schema: SchemaObject, mode: FieldValidation): string[] {
  const unknown: string[] = [];
  walk(object, resolveSchema(schema), '', unknown);
  if (unknown.length && mode === 'Strict')
    throw new ApiError(
      400,
      'BadRequest',
      `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
    );
  return mode === 'Ignore' ? [] : unknown.map((f) => `unknown field "${f}"`);
}

function walk(
  value: unknown,
  schema: SchemaObject | undefined,
  path: string,
  unknown: string[],
): void {
  if (!schema || value === null || value === undefined) return;
  const expected = schema.type;
  const wrong = (what: string) =>
    new ApiError(
      400,
      'BadRequest',
      `json: cannot unmarshal ${describe(value)} into Go struct field ${path} of type ${what}`,
    );
  if (schema.format === 'int-or-string') {
    if (typeof value !== 'string' && !Number.isInteger(value)) throw wrong('intstr.IntOrString');
    return;
  }
  if (expected === 'integer' && !Number.isInteger(value)) throw wrong(schema.format ?? 'int64');
  if (expected === 'string' && typeof value !== 'string') throw wrong('string');
  if (expected === 'boolean' && typeof value !== 'boolean') throw wrong('bool');
  if (expected === 'array') {
    if (!Array.isArray(value)) throw wrong('array');
    for (const item of value) walk(item, resolveSchema(schema.items), path, unknown);
  }
  if (expected === 'object' || schema.properties) {
    if (!isObject(value)) throw wrong('object');
    for (const [key, sub] of Object.entries(value)) {
      const subPath = path ? `${path}.${key}` : key;
      if (schema.properties) {
        const field = schema.properties[key];
        if (!field) {
          unknown.push(subPath);
          delete value[key];
        } else walk(sub, resolveSchema(field), subPath, unknown);
      } else if (schema.additionalProperties)
        walk(sub, resolveSchema(schema.additionalProperties), subPath, unknown);
    }
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  return typeof value;
}
