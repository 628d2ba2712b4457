import {
  any,
  bool,
  int32,
  intOrString,
  keyedList,
  list,
  object,
  ref,
  resource,
  type SchemaObject,
  str,
  stringMap,
  strings,
} from './schema-dsl.js';

const V1 = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const GW = 'io.k8s.networking.gateway.v1';

/** Core kinds beside pods, RBAC, PodDisruptionBudget and the Gateway API route types. */
export const otherDefinitions: Record<string, SchemaObject> = {
  [`${V1}.Pod`]: resource('', 'v1', 'Pod', { spec: ref(`${V1}.PodSpec`), status: any }),
  [`${V1}.Service`]: resource('', 'v1', 'Service', {
    spec: ref(`${V1}.ServiceSpec`),
    status: any,
  }),
  [`${V1}.ServiceSpec`]: object({
    ports: keyedList(ref(`${V1}.ServicePort`), 'port'),
    selector: stringMap,
    clusterIP: str,
    clusterIPs: strings,
    type: { ...str, enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] },
    externalIPs: strings,
    sessionAffinity: str,
    loadBalancerIP: str,
    loadBalancerSourceRanges: strings,
    externalName: str,
    externalTrafficPolicy: str,
    healthCheckNodePort: int32,
    publishNotReadyAddresses: bool,
    sessionAffinityConfig: any,
    ipFamilies: strings,
    ipFamilyPolicy: str,
    allocateLoadBalancerNodePorts: bool,
    loadBalancerClass: str,
    internalTrafficPolicy: str,
    trafficDistribution: str,
  }),
  [`${V1}.ServicePort`]: object(
    {
      name: str,
      protocol: str,
      appProtocol: str,
      port: int32,
      targetPort: intOrString,
      nodePort: int32,
    },
    ['port'],
  ),
  [`${V1}.Namespace`]: resource('', 'v1', 'Namespace', { spec: any, status: any }),
  [`${V1}.ServiceAccount`]: resource('', 'v1', 'ServiceAccount', {
    secrets: list(any),
    imagePullSecrets: list(any),
    automountServiceAccountToken: bool,
  }),
  [`${V1}.ConfigMap`]: resource('', 'v1', 'ConfigMap', {
    data: stringMap,
    binaryData: stringMap,
    immutable: bool,
  }),
  [`${V1}.Secret`]: resource('', 'v1', 'Secret', {
    data: stringMap,
    stringData: stringMap,
    type: str,
    immutable: bool,
  }),
  'io.k8s.api.policy.v1.PodDisruptionBudget': resource('policy', 'v1', 'PodDisruptionBudget', {
    spec: object({
      minAvailable: intOrString,
      maxUnavailable: intOrString,
      selector: ref(`${META}.LabelSelector`),
      unhealthyPodEvictionPolicy: str,
    }),
    status: any,
  }),
  ...rbac('Role', { rules: list(any) }),
  ...rbac('ClusterRole', { rules: list(any), aggregationRule: any }),
  ...rbac('RoleBinding', { subjects: list(any), roleRef: any }),
  ...rbac('ClusterRoleBinding', { subjects: list(any), roleRef: any }),
  [`${GW}.HTTPRoute`]: resource('gateway.networking.k8s.io', 'v1', 'HTTPRoute', {
    spec: object({
      parentRefs: list(ref(`${GW}.ParentReference`)),
      hostnames: strings,
      rules: list(ref(`${GW}.HTTPRouteRule`)),
    }),
    status: any,
  }),
  [`${GW}.ParentReference`]: object(
    { group: str, kind: str, namespace: str, name: str, sectionName: str, port: int32 },
    ['name'],
  ),
  [`${GW}.HTTPRouteRule`]: object({
    name: str,
    matches: list(any),
    filters: list(any),
    backendRefs: list(ref(`${GW}.HTTPBackendRef`)),
    timeouts: any,
    retry: any,
    sessionPersistence: any,
  }),
  [`${GW}.HTTPBackendRef`]: object(
    {
      group: str,
      kind: str,
      name: str,
      namespace: str,
      port: int32,
      weight: int32,
      filters: list(any),
    },
    ['name'],
  ),
  [`${GW}.Gateway`]: resource('gateway.networking.k8s.io', 'v1', 'Gateway', {
    spec: any,
    status: any,
  }),
};

function rbac(kind: string, fields: Record<string, SchemaObject>): Record<string, SchemaObject> {
  return {
    [`io.k8s.api.rbac.v1.${kind}`]: resource('rbac.authorization.k8s.io', 'v1', kind, fields),
  };
}
