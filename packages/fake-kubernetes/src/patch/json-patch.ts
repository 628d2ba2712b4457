import { ApiError } from '../api/api-error.js';
import { isObject, jsonEqual } from './json-values.js';

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

const fail = (message: string) =>
  new ApiError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: ${message}`,
  );

/** RFC 6902 JSON patch: add, remove, replace, move, copy and test on JSON pointers. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw new ApiError(
      400,
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  let doc = structuredClone(target);
  for (const op of operations as Operation[]) {
    if (op.op === 'move' || op.op === 'copy') {
      const value = structuredClone(read(doc, op.from ?? ''));
      if (op.op === 'move') doc = apply(doc, { op: 'remove', path: op.from ?? '' });
      doc = apply(doc, { op: 'add', path: op.path, value });
    } else doc = apply(doc, op);
  }
  return doc;
}

function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function read(doc: unknown, path: string, parts = pointer(path)): unknown {
  let node = doc;
  for (const part of parts) {
    if (!isObject(node) && !Array.isArray(node)) throw fail(`path ${path} does not exist`);
    node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw fail(`path ${path} does not exist`);
  }
  return node;
}

function apply(doc: unknown, op: Operation): unknown {
  const parts = pointer(op.path);
  if (parts.length === 0) {
    if (op.op === 'test') {
      if (!jsonEqual(doc, op.value)) throw fail(`testing value ${op.path} failed`);
      return doc;
    }
    return op.op === 'remove' ? undefined : structuredClone(op.value);
  }
  const last = parts.pop()!;
  const parent = read(doc, op.path, parts);
  if (!isObject(parent) && !Array.isArray(parent)) throw fail(`path ${op.path} does not exist`);
  const container = parent as Record<string, unknown>;
  const index = last === '-' ? (container as unknown as unknown[]).length : Number(last);
  switch (op.op) {
    case 'add':
      if (Array.isArray(container))
        (container as unknown[]).splice(index, 0, structuredClone(op.value));
      else container[last] = structuredClone(op.value);
      break;
    case 'replace':
      if (!(last in container))
        throw fail(`replace operation does not apply: doc is missing key: ${op.path}`);
      container[last] = structuredClone(op.value);
      break;
    case 'remove':
      if (!(last in container))
        throw fail(`remove operation does not apply: doc is missing path: ${op.path}`);
      if (Array.isArray(container)) (container as unknown[]).splice(index, 1);
      else delete container[last];
      break;
    case 'test':
      if (!jsonEqual(container[last], op.value)) throw fail(`testing value ${op.path} failed`);
      break;
    default:
      throw fail(`unexpected operation "${op.op}"`);
  }
  return doc;
}
