import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { FieldValidation } from '../admission/check-types.js';
import { validateScale } from '../admission/validate-object.js';
import { ApiError, badRequest, notFound } from '../api/api-error.js';
import { qualifiedName } from '../api/resource-types.js';
import type { FakeCluster } from '../controllers/fake-cluster.js';
import { DEFINITIONS } from '../openapi/definitions.js';
import { jsonPatch } from '../patch/json-patch.js';
import { serverSideApply } from '../patch/managed-fields.js';
import { mergePatch } from '../patch/merge-patch.js';
import { strategicMergePatch } from '../patch/strategic-merge-patch.js';
import { parseFieldSelector } from '../store/field-selector.js';
import { parseLabelSelector } from '../store/label-selector.js';
import type { Obj } from '../store/object-store.js';
import type { ObjectWriter, WriteOptions } from './object-writer.js';
import type { ResourceRoute } from './request-route.js';
import { toScale } from './scale-subresource.js';
import { streamWatch } from './watch-stream.js';

export interface Reply {
  status: number;
  body: unknown;
  warnings?: string[];
}

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** The verb RBAC sees for a request. */
export function verbOf(method: string, route: ResourceRoute, query: URLSearchParams): string {
  if (method === 'GET')
    return route.name
      ? 'get'
      : query.get('watch') === 'true' || query.get('watch') === '1'
        ? 'watch'
        : 'list';
  if (method === 'POST') return 'create';
  if (method === 'PUT') return 'update';
  if (method === 'PATCH') return 'patch';
  if (method === 'DELETE') return route.name ? 'delete' : 'deletecollection';
  return method.toLowerCase();
}

/** Serves one request for objects of a kind; a watch is streamed to `res` and answers undefined. */
export function handleResource(
  cluster: FakeCluster,
  writer: ObjectWriter,
  route: ResourceRoute,
  req: IncomingMessage,
  query: URLSearchParams,
  raw: string,
  res: ServerResponse,
): Reply | undefined {
  const { type, namespace, name, subresource } = route;
  const method = req.method ?? 'GET';
  const verb = verbOf(method, route, query);
  const options = writeOptions(req, query);
  const stored = () => {
    const found = name ? cluster.store.get(type, namespace, name) : undefined;
    if (!found) throw notFound(qualifiedName(type), name ?? '');
    return found;
  };
  const view = (o: Obj) => (subresource === 'scale' ? toScale(o) : o);
  if (!type.verbs.includes(verb) && !subresource)
    throw new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  if (verb === 'list' || verb === 'watch' || verb === 'deletecollection') {
    const labels = parseLabelSelector(query.get('labelSelector') ?? '');
    const fields = parseFieldSelector(query.get('fieldSelector') ?? '', type.kind);
    const matches = (o: Obj) => labels(o.metadata.labels ?? {}) && fields(o);
    if (verb === 'watch') {
      const rv = Number(query.get('resourceVersion') ?? 0) || undefined;
      const timeoutMs = Number(query.get('timeoutSeconds') ?? 1800) * 1000;
      streamWatch(
        cluster.store,
        { type, namespace, matches, ...(rv ? { resourceVersion: rv } : {}), timeoutMs },
        res,
      );
      return undefined;
    }
    const items = cluster.store.list(type, namespace || undefined).filter(matches);
    if (verb === 'deletecollection') {
      if (!options.dryRun) for (const o of items) cluster.remove(type, o);
      return {
        status: 200,
        body: {
          kind: `${type.kind}List`,
          apiVersion: items[0]?.apiVersion ?? 'v1',
          metadata: {},
          items,
        },
      };
    }
    return {
      status: 200,
      body: {
        kind: `${type.kind}List`,
        apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
        metadata: { resourceVersion: String(cluster.store.resourceVersion) },
        items,
      },
    };
  }
  if (method === 'GET') return { status: 200, body: view(stored()) };
  if (method === 'POST') {
    const result = writer.create(type, namespace, parseBody(raw), options);
    return { status: 201, body: result.object, warnings: result.warnings };
  }
  if (method === 'DELETE') {
    const current = stored();
    const uid = parseBody(raw || '{}')?.preconditions?.uid;
    if (uid && uid !== current.metadata.uid)
      throw new ApiError(
        409,
        'Conflict',
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`,
      );
    if (!options.dryRun) cluster.remove(type, current);
    return {
      status: 200,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, group: type.group, kind: type.plural, uid: current.metadata.uid },
      },
    };
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (method === 'PATCH' && contentType === 'application/apply-patch+yaml')
    return apply(cluster, writer, route, query, raw, options);
  const current = stored();
  const schema =
    subresource === 'scale'
      ? DEFINITIONS['io.k8s.api.autoscaling.v1.Scale']!
      : DEFINITIONS[type.definition]!;
  let next: Obj;
  if (method === 'PUT') next = parseBody(raw);
  else if (method === 'PATCH') {
    const patch = parseBody(raw);
    const base = view(current);
    if (contentType === 'application/merge-patch+json') next = mergePatch(base, patch) as Obj;
    else if (contentType === 'application/json-patch+json') next = jsonPatch(base, patch) as Obj;
    else if (contentType === 'application/strategic-merge-patch+json') {
      if (type.custom)
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
        );
      next = strategicMergePatch(base, patch, schema) as Obj;
    } else
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`,
      );
  } else throw new ApiError(405, 'MethodNotAllowed', `${method} is not supported`);
  if (subresource === 'scale') {
    if (
      next.metadata?.resourceVersion &&
      next.metadata.resourceVersion !== current.metadata.resourceVersion
    )
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    validateScale(current.metadata.name, next.spec?.replicas);
    const updated = structuredClone(current);
    updated.spec.replicas = next.spec.replicas;
    delete updated.metadata.resourceVersion;
    const result = writer.update(type, current, updated, options);
    return { status: 200, body: toScale(result.object), warnings: result.warnings };
  }
  const result = writer.update(type, current, next, {
    ...options,
    ...(subresource ? { subresource } : {}),
  });
  return { status: 200, body: result.object, warnings: result.warnings };
}

function apply(
  cluster: FakeCluster,
  writer: ObjectWriter,
  route: ResourceRoute,
  query: URLSearchParams,
  raw: string,
  options: WriteOptions,
): Reply {
  const { type, namespace, name } = route;
  if (!query.get('fieldManager'))
    throw badRequest(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  let applied: Obj;
  try {
    applied = parseYaml(raw) as Obj;
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!applied?.apiVersion || !applied.kind)
    throw badRequest('apiVersion and kind must be set in an apply configuration');
  if (applied.metadata?.name && applied.metadata.name !== name)
    throw badRequest(
      `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
    );
  const schema = DEFINITIONS[type.definition]!;
  const force = query.get('force') === 'true';
  const current = cluster.store.get(type, namespace, name ?? '');
  const base: Obj = current ?? {
    apiVersion: applied.apiVersion,
    kind: applied.kind,
    metadata: { name, ...(type.namespaced ? { namespace } : {}) },
  };
  const merged = serverSideApply(base, applied, options.manager, force, schema);
  const opts = { ...options, applied: true };
  if (!current) {
    const created = writer.create(type, namespace, merged, opts);
    return { status: 201, body: created.object, warnings: created.warnings };
  }
  const updated = writer.update(
    type,
    current,
    { ...merged, metadata: { ...merged.metadata, resourceVersion: undefined } },
    opts,
  );
  return { status: 200, body: updated.object, warnings: updated.warnings };
}

function writeOptions(req: IncomingMessage, query: URLSearchParams): WriteOptions {
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All'))
    throw badRequest(
      `dryRun: Unsupported value: "${dryRun.find((d) => d !== 'All')}": supported values: "All"`,
    );
  const mode = query.get('fieldValidation') ?? 'Warn';
  if (!['Ignore', 'Warn', 'Strict'].includes(mode))
    throw badRequest(`fieldValidation: Unsupported value: "${mode}"`);
  // As kube-apiserver: without fieldManager, the client's user agent up to the first '/' manages.
  const agent = (req.headers['user-agent'] ?? 'unknown').split('/')[0]!;
  return {
    manager: query.get('fieldManager') ?? agent,
    dryRun: dryRun.length > 0,
    fieldValidation: mode as FieldValidation,
  };
}

function parseBody(raw: string): Obj {
  try {
    return JSON.parse(raw) as Obj;
  } catch {
    throw badRequest(`the body of the request could not be decoded as JSON: ${raw.slice(0, 40)}`);
  }
}
