/** One kind the fake serves, as discovery describes it. */
export interface ResourceType {
  /** API group; '' for the core (legacy) group under /api. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Subresources served under the object's path: `status`, `scale`. */
  subresources: Array<'status' | 'scale'>;
  /** The name of its schema under `definitions` in /openapi/v2. */
  definition: string;
  /** Whether a spec change increments metadata.generation (types with a status subresource). */
  generation: boolean;
  /** Served from a CustomResourceDefinition on a real cluster: no strategic merge patch. */
  custom: boolean;
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function type(
  group: string,
  version: string,
  kind: string,
  plural: string,
  definition: string,
  extra: Partial<ResourceType> = {},
): ResourceType {
  const subresources = extra.subresources ?? [];
  return {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    verbs: ALL_VERBS,
    subresources,
    definition,
    generation: subresources.includes('status'),
    custom: group === GATEWAY,
    ...extra,
  };
}

const CORE = 'io.k8s.api.core.v1';
const GATEWAY = 'gateway.networking.k8s.io';

/** Every kind the fake serves. Pods are made by the ReplicaSet controller, never by clients. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  type('', 'v1', 'Namespace', 'namespaces', `${CORE}.Namespace`, {
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  type('', 'v1', 'Pod', 'pods', `${CORE}.Pod`, {
    shortNames: ['po'],
    verbs: ['get', 'list', 'watch'],
    subresources: ['status'],
    generation: false,
  }),
  type('', 'v1', 'Service', 'services', `${CORE}.Service`, {
    shortNames: ['svc'],
    subresources: ['status'],
    generation: false,
  }),
  type('', 'v1', 'ServiceAccount', 'serviceaccounts', `${CORE}.ServiceAccount`, {
    shortNames: ['sa'],
  }),
  type('', 'v1', 'ConfigMap', 'configmaps', `${CORE}.ConfigMap`, { shortNames: ['cm'] }),
  type('', 'v1', 'Secret', 'secrets', `${CORE}.Secret`),
  type('apps', 'v1', 'Deployment', 'deployments', 'io.k8s.api.apps.v1.Deployment', {
    shortNames: ['deploy'],
    subresources: ['status', 'scale'],
  }),
  type('apps', 'v1', 'ReplicaSet', 'replicasets', 'io.k8s.api.apps.v1.ReplicaSet', {
    shortNames: ['rs'],
    subresources: ['status', 'scale'],
  }),
  type(
    'policy',
    'v1',
    'PodDisruptionBudget',
    'poddisruptionbudgets',
    'io.k8s.api.policy.v1.PodDisruptionBudget',
    {
      shortNames: ['pdb'],
      subresources: ['status'],
    },
  ),
  type('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', 'io.k8s.api.rbac.v1.Role'),
  type(
    'rbac.authorization.k8s.io',
    'v1',
    'RoleBinding',
    'rolebindings',
    'io.k8s.api.rbac.v1.RoleBinding',
  ),
  type(
    'rbac.authorization.k8s.io',
    'v1',
    'ClusterRole',
    'clusterroles',
    'io.k8s.api.rbac.v1.ClusterRole',
    {
      namespaced: false,
    },
  ),
  type(
    'rbac.authorization.k8s.io',
    'v1',
    'ClusterRoleBinding',
    'clusterrolebindings',
    'io.k8s.api.rbac.v1.ClusterRoleBinding',
    {
      namespaced: false,
    },
  ),
  type(GATEWAY, 'v1', 'HTTPRoute', 'httproutes', 'io.k8s.networking.gateway.v1.HTTPRoute', {
    subresources: ['status'],
  }),
  type(GATEWAY, 'v1', 'Gateway', 'gateways', 'io.k8s.networking.gateway.v1.Gateway', {
    shortNames: ['gtw'],
    subresources: ['status'],
  }),
];

export const groupVersion = (t: Pick<ResourceType, 'group' | 'version'>) =>
  t.group ? `${t.group}/${t.version}` : t.version;

/** The type served at a group/version and plural, if any. */
export function findType(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    (t) => t.group === group && t.version === version && t.plural === plural,
  );
}

/** The type of an object by its apiVersion and kind, as a request body names it. */
export function typeOfObject(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => groupVersion(t) === apiVersion && t.kind === kind);
}

/** `deployments.apps`, as the API server names a resource in its messages. */
export const qualifiedName = (t: ResourceType) => (t.group ? `${t.plural}.${t.group}` : t.plural);
