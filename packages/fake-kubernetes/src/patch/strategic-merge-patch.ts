import { ApiError } from '../api/api-error.js';
import { fieldSchema, resolveSchema } from '../openapi/definitions.js';
import type { SchemaObject } from '../openapi/schema-dsl.js';
import type { Obj } from '../store/object-store.js';
import { isObject, jsonEqual } from './json-values.js';

const ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

/**
 * Strategic merge patch as kube-apiserver applies it, driven by the same schema the fake
 * publishes: lists with a patch merge key merge item by item, `$patch: replace|delete`,
 * `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` are obeyed,
 * and no directive is ever left in the stored object.
 */
export function strategicMergePatch(
  original: unknown,
  patch: unknown,
  schema: SchemaObject | undefined,
): unknown {
  return mergeMap(isObject(original) ? original : {}, patch, resolveSchema(schema));
}

function mergeMap(
  original: Obj,
  patch: unknown,
  schema: SchemaObject | undefined,
): Obj | undefined {
  if (!isObject(patch))
    throw new ApiError(400, 'BadRequest', 'a strategic merge patch must be a JSON object');
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') return stripDirectives(patch) as Obj;
  const out: Obj = { ...original };
  const orders: Array<[string, unknown[]]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(ORDER)) {
      orders.push([key.slice(ORDER.length), value as unknown[]]);
      continue;
    }
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      const remove = value as unknown[];
      if (Array.isArray(out[field]))
        out[field] = out[field].filter((v: unknown) => !remove.includes(v));
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const sub = fieldSchema(schema, key);
    if (Array.isArray(value)) out[key] = mergeList(out[key], value, sub);
    else if (isObject(value)) {
      const merged = mergeMap(isObject(out[key]) ? out[key] : {}, value, sub);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else out[key] = value;
  }
  for (const [field, order] of orders) {
    if (Array.isArray(out[field]))
      out[field] = sortByOrder(out[field], order, fieldSchema(schema, field));
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(out)) if (!patch.$retainKeys.includes(key)) delete out[key];
  }
  return out;
}

function mergeList(
  original: unknown,
  patch: unknown[],
  schema: SchemaObject | undefined,
): unknown[] {
  const strategy = schema?.['x-kubernetes-patch-strategy'] ?? '';
  if (!strategy.split(',').includes('merge') || !Array.isArray(original)) {
    return patch.filter((item) => !(isObject(item) && item.$patch)).map(stripDirectives);
  }
  if (patch.some((item) => isObject(item) && item.$patch === 'replace')) {
    return patch
      .filter((item) => !(isObject(item) && item.$patch === 'replace'))
      .map(stripDirectives);
  }
  const mergeKey = schema?.['x-kubernetes-patch-merge-key'];
  const out = [...original];
  if (!mergeKey) {
    for (const item of patch) if (!out.some((v) => jsonEqual(v, item))) out.push(item);
    return out;
  }
  const itemSchema = resolveSchema(schema?.items);
  for (const item of patch) {
    if (!isObject(item))
      throw new ApiError(
        400,
        'BadRequest',
        `the items of a list merged by ${mergeKey} must be objects`,
      );
    const index = out.findIndex((v) => isObject(v) && v[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = mergeMap(out[index] as Obj, item, itemSchema);
    else out.push(stripDirectives(item));
  }
  return out;
}

/** `$setElementOrder`: items named in the order come first, in that order; the rest keep theirs. */
function sortByOrder(
  list: unknown[],
  order: unknown[],
  schema: SchemaObject | undefined,
): unknown[] {
  const mergeKey = schema?.['x-kubernetes-patch-merge-key'];
  const id = (v: unknown) => (mergeKey && isObject(v) ? v[mergeKey] : v);
  const rank = (v: unknown) => {
    const i = order.findIndex((o) => jsonEqual(id(o), id(v)));
    return i < 0 ? order.length : i;
  };
  return list
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map(({ v }) => v);
}

/** A value with every `$...` directive removed, at any depth. */
export function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .filter((v) => !(isObject(v) && Object.keys(v).every((k) => k.startsWith('$'))))
      .map(stripDirectives);
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}
