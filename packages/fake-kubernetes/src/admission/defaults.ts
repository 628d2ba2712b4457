import type { Obj } from '../store/object-store.js';

/**
 * The defaults kube-apiserver fills in on create and update, so that what a client reads
 * back (and what the pod-template hash is taken over) is the normalized object.
 */
export function applyDefaults(kind: string, object: Obj, clusterIps: () => string): void {
  dropNulls(object);
  const spec = object.spec;
  // Go encodes the zero time of a template's metadata as null, so every stored template has it.
  if (spec?.template)
    spec.template.metadata = { creationTimestamp: null, ...spec.template.metadata };
  if (kind === 'Deployment') defaultDeployment(spec);
  if (kind === 'ReplicaSet') {
    spec.replicas ??= 1;
    if (spec.template?.spec) defaultPodSpec(spec.template.spec);
  }
  if (kind === 'Service') defaultService(spec, clusterIps);
  if (kind === 'HTTPRoute') defaultHttpRoute(spec ?? {});
}

function defaultDeployment(spec: Obj): void {
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= {};
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
  }
  if (spec.template?.spec) defaultPodSpec(spec.template.spec);
}

export function defaultPodSpec(pod: Obj): void {
  pod.restartPolicy ??= 'Always';
  pod.terminationGracePeriodSeconds ??= 30;
  pod.dnsPolicy ??= 'ClusterFirst';
  pod.securityContext ??= {};
  pod.schedulerName ??= 'default-scheduler';
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) defaultContainer(c);
  for (const v of pod.volumes ?? []) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
  }
}

function defaultContainer(c: Obj): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  const tag = /:([^/:@]+)$/.exec(c.image ?? '')?.[1];
  c.imagePullPolicy ??= !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
  }
}

function defaultService(spec: Obj, clusterIps: () => string): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    spec.clusterIP ??= clusterIps();
    spec.clusterIPs ??= [spec.clusterIP];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}

function defaultHttpRoute(spec: Obj): void {
  for (const parent of spec.parentRefs ?? []) {
    parent.group ??= 'gateway.networking.k8s.io';
    parent.kind ??= 'Gateway';
  }
  spec.rules ??= [{}];
  for (const rule of spec.rules) {
    rule.matches ??= [{ path: { type: 'PathPrefix', value: '/' } }];
    for (const backend of rule.backendRefs ?? []) {
      backend.group ??= '';
      backend.kind ??= 'Service';
      backend.weight ??= 1;
    }
  }
}

/** A null decodes to Go's zero value, which is not encoded again: nulls never reach storage. */
function dropNulls(value: unknown): void {
  if (Array.isArray(value)) for (const v of value) dropNulls(v);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (v === null) delete (value as Obj)[k];
      else dropNulls(v);
    }
  }
}
