/**
 * A Swagger 2.0 schema object, as the API server publishes under `definitions`: the same
 * objects drive the fake's OpenAPI document, its strategic merge patch (merge keys, patch
 * strategies), its server-side apply (list keys) and its type checks, so the client and the
 * server can never disagree about how a list merges.
 */
export interface SchemaObject {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  $ref?: string;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: SchemaObject;
  items?: SchemaObject;
  required?: string[];
  enum?: string[];
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'map' | 'set';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

export const str: SchemaObject = { type: 'string' };
export const int32: SchemaObject = { type: 'integer', format: 'int32' };
export const int64: SchemaObject = { type: 'integer', format: 'int64' };
export const bool: SchemaObject = { type: 'boolean' };
export const intOrString: SchemaObject = { type: 'string', format: 'int-or-string' };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
/** No type and no properties: kubectl treats it as an arbitrary value and checks nothing. */
export const any: SchemaObject = {};
export const stringMap: SchemaObject = { type: 'object', additionalProperties: str };
export const strings: SchemaObject = { type: 'array', items: str };

export const ref = (name: string): SchemaObject => ({ $ref: `#/definitions/${name}` });

export function object(properties: Record<string, SchemaObject>, required?: string[]) {
  return { type: 'object', properties, ...(required ? { required } : {}) } satisfies SchemaObject;
}

/** A list merged by `key` in strategic merge patch and keyed by it in server-side apply. */
export function keyedList(items: SchemaObject, key: string): SchemaObject {
  return {
    type: 'array',
    items,
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': [key],
  };
}

export function list(items: SchemaObject): SchemaObject {
  return { type: 'array', items, 'x-kubernetes-list-type': 'atomic' };
}

/** A top-level object of the API: apiVersion, kind, metadata and the given fields. */
export function resource(
  group: string,
  version: string,
  kind: string,
  fields: Record<string, SchemaObject>,
): SchemaObject {
  return {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'),
      ...fields,
    },
    'x-kubernetes-group-version-kind': [{ group, version, kind }],
  };
}
