import { resolveSchema } from '../openapi/definitions.js';
import type { SchemaObject } from '../openapi/schema-dsl.js';
import type { Obj } from '../store/object-store.js';
import { isObject } from './json-values.js';

/**
 * Field paths in the notation of managedFields (fieldsV1): `f:spec`, `k:{"name":"app"}` for an
 * item of a keyed list, `v:"x"` for an item of a set, and `.` for the item itself. A path is
 * its segments joined by a tab.
 */
export const SEP = '\t';

const IGNORED = new Set(['apiVersion', 'kind']);
const IGNORED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
]);

/** Every field path a value sets, with item markers for the keyed list items it names. */
export function fieldPaths(object: Obj, schema: SchemaObject | undefined): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(object)) {
    if (IGNORED.has(key) || key === 'status') continue;
    if (key === 'metadata' && isObject(value)) {
      for (const [m, v] of Object.entries(value))
        if (!IGNORED_META.has(m))
          walk(
            v,
            resolveSchema(
              resolveSchema(resolveSchema(schema)?.properties?.metadata)?.properties?.[m],
            ),
            [`f:metadata`, `f:${m}`],
            out,
          );
      continue;
    }
    walk(value, resolveSchema(resolveSchema(schema)?.properties?.[key]), [`f:${key}`], out);
  }
  return out;
}

function walk(
  value: unknown,
  schema: SchemaObject | undefined,
  path: string[],
  out: Set<string>,
): void {
  const keys = schema?.['x-kubernetes-list-map-keys'];
  if (Array.isArray(value) && keys && schema?.['x-kubernetes-list-type'] === 'map') {
    const items = resolveSchema(schema.items);
    for (const item of value) {
      if (!isObject(item)) continue;
      const itemPath = [...path, itemSegment(item, keys)];
      out.add([...itemPath, '.'].join(SEP));
      for (const [k, v] of Object.entries(item))
        walk(v, resolveSchema(items?.properties?.[k]), [...itemPath, `f:${k}`], out);
    }
    return;
  }
  if (Array.isArray(value) && schema?.['x-kubernetes-list-type'] === 'set') {
    for (const v of value) out.add([...path, `v:${JSON.stringify(v)}`].join(SEP));
    return;
  }
  const structured = schema?.properties || schema?.additionalProperties;
  if (isObject(value) && structured && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value))
      walk(
        v,
        resolveSchema(schema?.properties?.[k] ?? schema?.additionalProperties),
        [...path, `f:${k}`],
        out,
      );
    return;
  }
  out.add(path.join(SEP));
}

export const itemSegment = (item: Obj, keys: string[]) =>
  `k:${JSON.stringify(Object.fromEntries(keys.map((k) => [k, item[k]])))}`;

/** The value at a field path, undefined when absent. */
export function valueAt(object: unknown, path: string): unknown {
  let node = object;
  for (const segment of path.split(SEP)) {
    if (segment === '.') return node;
    node = step(node, segment);
    if (node === undefined) return undefined;
  }
  return node;
}

function step(node: unknown, segment: string): unknown {
  if (segment.startsWith('f:')) return isObject(node) ? node[segment.slice(2)] : undefined;
  if (!Array.isArray(node)) return undefined;
  if (segment.startsWith('k:')) {
    const key = JSON.parse(segment.slice(2)) as Obj;
    return node.find(
      (item) => isObject(item) && Object.entries(key).every(([k, v]) => item[k] === v),
    );
  }
  const wanted = JSON.stringify(JSON.parse(segment.slice(2)));
  return node.find((v) => JSON.stringify(v) === wanted);
}

/** Removes the field (or list item, for a `.` path) at a path. */
export function removeAt(object: Obj, path: string): void {
  const segments = path.split(SEP);
  if (segments.at(-1) === '.') segments.pop();
  const last = segments.pop()!;
  const chain: unknown[] = [object];
  for (const s of segments) chain.push(step(chain.at(-1), s));
  const parent = chain.at(-1);
  if (last.startsWith('f:') && isObject(parent)) delete parent[last.slice(2)];
  else if (Array.isArray(parent)) {
    const index = parent.indexOf(step(parent, last));
    if (index >= 0) parent.splice(index, 1);
    // A list left empty by its last owner's item is no one's field any more.
    const holder = chain.at(-2);
    const field = segments.at(-1);
    if (!parent.length && isObject(holder) && field?.startsWith('f:'))
      delete holder[field.slice(2)];
  }
}

/** Paths as the nested fieldsV1 object of managedFields. */
export function toFieldsV1(paths: Iterable<string>): Obj {
  const root: Obj = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path.split(SEP)) node = node[segment] ??= {};
  }
  return root;
}

export function fromFieldsV1(
  tree: Obj,
  prefix: string[] = [],
  out = new Set<string>(),
): Set<string> {
  for (const [segment, sub] of Object.entries(tree)) {
    const path = [...prefix, segment];
    if (segment === '.' || !isObject(sub) || !Object.keys(sub).length) out.add(path.join(SEP));
    else fromFieldsV1(sub, path, out);
  }
  return out;
}

/** `.spec.template.spec.containers[name="app"].image`, as conflict messages print a path. */
export function describePath(path: string): string {
  return path
    .split(SEP)
    .filter((s) => s !== '.')
    .map((s) => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`;
      if (s.startsWith('k:'))
        return `[${Object.entries(JSON.parse(s.slice(2)) as Obj)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      return `[${s.slice(2)}]`;
    })
    .join('');
}
