import { appsDefinitions } from './apps-definitions.js';
import { otherDefinitions } from './other-definitions.js';
import { podDefinitions } from './pod-definitions.js';
import type { SchemaObject } from './schema-dsl.js';

/** Every schema the fake publishes, by its definition name. */
export const DEFINITIONS: Readonly<Record<string, SchemaObject>> = {
  ...podDefinitions,
  ...appsDefinitions,
  ...otherDefinitions,
};

/** The schema a `$ref` points at, or the schema itself. */
export function resolveSchema(schema: SchemaObject | undefined): SchemaObject | undefined {
  if (!schema?.$ref) return schema;
  const target = DEFINITIONS[schema.$ref.replace('#/definitions/', '')];
  // A property's own patch extensions sit beside its $ref and win over the target's.
  const { $ref: _ref, ...own } = schema;
  return target ? { ...target, ...own } : undefined;
}

/** The schema of a field of an object schema, resolved. */
export function fieldSchema(
  schema: SchemaObject | undefined,
  field: string,
): SchemaObject | undefined {
  return resolveSchema(resolveSchema(schema)?.properties?.[field]);
}
