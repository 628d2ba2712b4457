/**
 * The three patch types of the Kubernetes API, as much of each as a Deployment needs:
 * RFC 7386 merge patch, RFC 6902 JSON patch, and strategic merge patch with the `name`
 * merge key of the pod spec's lists (containers, env, volumes, ...).
 */
type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge, null deletes, everything else (arrays included) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Lists merged by this key in a strategic merge patch (the rest are replaced). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  conditions: 'type',
};

export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const mergeKey = MERGE_KEYS[key];
    if (mergeKey && Array.isArray(value) && Array.isArray(out[key])) {
      const list = [...(out[key] as Json[])];
      for (const item of value) {
        const index = list.findIndex(
          (e) => isObject(e) && isObject(item) && e[mergeKey] === item[mergeKey],
        );
        if (index >= 0) list[index] = strategicMergePatch(list[index], item);
        else list.push(structuredClone(item));
      }
      out[key] = list;
    } else out[key] = strategicMergePatch(out[key], value);
  }
  return out;
}

export class PatchError extends Error {}

/** RFC 6902 add, replace, remove and test on JSON pointers. */
export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations))
    throw new PatchError('a JSON patch must be an array of operations');
  let doc = structuredClone(target);
  for (const op of operations as Array<{ op: string; path: string; value?: Json }>) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (parts.length === 0) {
      if (op.op === 'replace' || op.op === 'add') doc = structuredClone(op.value);
      continue;
    }
    const last = parts.pop()!;
    let parent: Json = doc;
    for (const part of parts) {
      parent =
        isObject(parent) || Array.isArray(parent)
          ? (parent as Record<string, Json>)[part]
          : undefined;
      if (parent === undefined) throw new PatchError(`path ${op.path} does not exist`);
    }
    const container = parent as Record<string, Json>;
    switch (op.op) {
      case 'add':
        if (Array.isArray(container))
          container.splice(
            last === '-' ? container.length : Number(last),
            0,
            structuredClone(op.value),
          );
        else container[last] = structuredClone(op.value);
        break;
      case 'replace':
        if (!(last in container)) throw new PatchError(`replace: path ${op.path} does not exist`);
        container[last] = structuredClone(op.value);
        break;
      case 'remove':
        if (!(last in container)) throw new PatchError(`remove: path ${op.path} does not exist`);
        if (Array.isArray(container)) container.splice(Number(last), 1);
        else delete container[last];
        break;
      case 'test':
        if (JSON.stringify(container[last]) !== JSON.stringify(op.value))
          throw new PatchError(`test failed at ${op.path}`);
        break;
      default:
        throw new PatchError(`unsupported JSON patch op ${op.op}`);
    }
  }
  return doc;
}

/** Applies a patch body by its Content-Type, as the API server does; undefined: unsupported type. */
export function applyPatch(contentType: string, target: Json, body: Json): Json | undefined {
  const type = contentType.split(';')[0]!.trim();
  if (type === 'application/merge-patch+json') return mergePatch(target, body);
  if (type === 'application/strategic-merge-patch+json') return strategicMergePatch(target, body);
  if (type === 'application/json-patch+json') return jsonPatch(target, body);
  return undefined;
}
