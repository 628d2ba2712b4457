import { checkTypes, type FieldValidation } from '../admission/check-types.js';
import { applyDefaults } from '../admission/defaults.js';
import { validateObject } from '../admission/validate-object.js';
import { alreadyExists, badRequest, conflict, notFound } from '../api/api-error.js';
import { qualifiedName, type ResourceType } from '../api/resource-types.js';
import type { FakeCluster } from '../controllers/fake-cluster.js';
import { DEFINITIONS } from '../openapi/definitions.js';
import { jsonEqual } from '../patch/json-values.js';
import { recordUpdate } from '../patch/managed-fields.js';
import type { Obj } from '../store/object-store.js';

/** How one write is made: who makes it, whether it is a dry run, how unknown fields count. */
export interface WriteOptions {
  manager: string;
  dryRun: boolean;
  fieldValidation: FieldValidation;
  /** Skip the managedFields bookkeeping: server-side apply did it already. */
  applied?: boolean;
}

/** The result of a write and the warnings to send in `Warning:` headers. */
export interface WriteResult {
  object: Obj;
  warnings: string[];
}

const SPEC_LIKE = (o: Obj) => {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
};

/**
 * The admission and storage path every create and update takes: decode (types, unknown
 * fields), keep what the client may not change, default, validate (422), bump the
 * generation on a spec change, check the resourceVersion precondition (409), record the
 * field manager, and store, unless it is a dry run.
 */
export class ObjectWriter {
  constructor(private readonly cluster: FakeCluster) {}

  create(type: ResourceType, namespace: string, body: Obj, options: WriteOptions): WriteResult {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('the body of the request must be a JSON object');
    const object = structuredClone(body);
    object.apiVersion ??= type.group ? `${type.group}/${type.version}` : type.version;
    object.kind ??= type.kind;
    object.metadata ??= {};
    if (type.namespaced) {
      if (object.metadata.namespace && object.metadata.namespace !== namespace)
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      object.metadata.namespace = namespace;
      if (!this.cluster.get('Namespace', '', namespace)) throw notFound('namespaces', namespace);
    }
    if (!object.metadata.name && object.metadata.generateName)
      object.metadata.name = `${object.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
    const warnings = checkTypes(object, DEFINITIONS[type.definition]!, options.fieldValidation);
    for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'generation'])
      delete object.metadata[key];
    if (type.subresources.includes('status')) delete object.status;
    applyDefaults(type.kind, object, () => this.cluster.allocateClusterIp());
    validateObject(type, object);
    if (this.cluster.store.get(type, namespace, object.metadata.name))
      throw alreadyExists(qualifiedName(type), object.metadata.name);
    if (!options.applied)
      recordUpdate(undefined, object, options.manager, DEFINITIONS[type.definition]!);
    if (options.dryRun) {
      object.metadata.uid = 'dry-run';
      if (type.generation) object.metadata.generation = 1;
      return { object, warnings };
    }
    return { object: this.cluster.store.create(type, object), warnings };
  }

  /** Replaces the stored object with `next` (already patched, or a PUT body). */
  update(
    type: ResourceType,
    current: Obj,
    next: Obj,
    options: WriteOptions & { subresource?: 'status' },
  ): WriteResult {
    const object = structuredClone(next);
    const name = current.metadata.name;
    if (object.metadata?.name !== undefined && object.metadata.name !== name)
      throw badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    const rv = object.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion)
      throw conflict(
        qualifiedName(type),
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    const warnings = checkTypes(object, DEFINITIONS[type.definition]!, options.fieldValidation);
    object.apiVersion = current.apiVersion;
    object.kind = current.kind;
    object.metadata = {
      ...object.metadata,
      name,
      namespace: current.metadata.namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: current.metadata.resourceVersion,
    };
    if (!type.namespaced) delete object.metadata.namespace;
    if (options.subresource === 'status') {
      const status = object.status;
      Object.assign(object, structuredClone(current), { status });
    } else if (type.subresources.includes('status')) object.status = current.status;
    applyDefaults(type.kind, object, () => this.cluster.allocateClusterIp());
    validateObject(type, object, current);
    if (type.generation) {
      object.metadata.generation = current.metadata.generation ?? 1;
      if (!jsonEqual(SPEC_LIKE(current), SPEC_LIKE(object))) object.metadata.generation++;
    }
    if (!options.applied)
      recordUpdate(current, object, options.manager, DEFINITIONS[type.definition]!);
    if (options.dryRun || jsonEqual(object, current)) return { object, warnings };
    return { object: this.cluster.store.update(type, object), warnings };
  }
}
