import {
  type AppsV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1PodTemplateSpec,
  type V1ReplicaSet,
} from '@kubernetes/client-node';
import { CanaryError } from '../../canary-error.js';

const REVISION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';
/** Annotations `kubectl rollout undo` keeps from the Deployment rather than the ReplicaSet. */
const KEEP_FROM_DEPLOYMENT = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/**
 * `kubectl rollout undo`, aimed at what the journal recorded: the pod template the canary
 * ran before the deploy. The Deployment's ReplicaSet with that template (found by content,
 * never by a revision guess, which goes one revision too far when the new ReplicaSet was not
 * created yet) is JSON-patched back as kubectl does, template without its pod-template-hash
 * and annotations, so the controller re-adopts that ReplicaSet under a new revision. When it
 * was pruned, the recorded template itself is restored. Without a recorded template (a
 * journal of an older version) it undoes to the previous revision, as kubectl does by default.
 */
export async function undoRollout(
  api: AppsV1Api,
  namespace: string,
  name: string,
  recorded?: V1PodTemplateSpec,
): Promise<string> {
  const deployment = await api.readNamespacedDeployment({ name, namespace });
  if (deployment.spec?.paused)
    throw new CanaryError(
      'E_DEPLOY_FAILED',
      `you cannot roll back a paused deployment; resume ${name} first (kubectl rollout resume deployment/${name})`,
    );
  const sets = await ownedReplicaSets(api, deployment);
  const target = recorded
    ? sets.find((rs) => sameTemplate(withoutHash(rs.spec?.template), recorded))
    : previousReplicaSet(deployment, sets);
  if (!target && recorded) {
    await api.patchNamespacedDeployment(
      {
        name,
        namespace,
        body: [{ op: 'replace', path: '/spec/template', value: withoutHash(recorded) }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    return `restored the pod template of ${name} recorded before the deploy (its ReplicaSet was pruned)`;
  }
  if (!target) return `no previous revision of ${name} to undo to`;
  const template = withoutHash(target.spec!.template!);
  if (sameTemplate(template, deployment.spec!.template)) {
    return `skipped undo of ${name} (current template already matches revision ${revisionOf(target)})`;
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata?.annotations ?? {}))
    if (KEEP_FROM_DEPLOYMENT.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {}))
    if (!KEEP_FROM_DEPLOYMENT.has(k)) annotations[k] = v;
  await api.patchNamespacedDeployment(
    { name, namespace, body: undoPatch(template, annotations) },
    setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
  );
  return `rolled ${name} back to revision ${revisionOf(target)}`;
}

function withoutHash(t: V1PodTemplateSpec | undefined): V1PodTemplateSpec {
  const template = structuredClone(t ?? {}) as V1PodTemplateSpec;
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  return template;
}

export function undoPatch(template: V1PodTemplateSpec, annotations: Record<string, string>) {
  return [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

async function ownedReplicaSets(api: AppsV1Api, deployment: V1Deployment): Promise<V1ReplicaSet[]> {
  const labels = deployment.spec?.selector?.matchLabels ?? {};
  const labelSelector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const list = await api.listNamespacedReplicaSet({
    namespace: deployment.metadata!.namespace!,
    labelSelector,
  });
  const uid = deployment.metadata?.uid;
  return list.items.filter(
    (rs) => !uid || rs.metadata?.ownerReferences?.some((o) => o.uid === uid),
  );
}

/** The ReplicaSet with the highest revision below the Deployment's current one. */
export function previousReplicaSet(
  deployment: V1Deployment,
  sets: V1ReplicaSet[],
): V1ReplicaSet | undefined {
  const current = Number(
    deployment.metadata?.annotations?.[REVISION] ?? Math.max(0, ...sets.map(revisionOf)),
  );
  return sets
    .filter((rs) => revisionOf(rs) < current)
    .sort((a, b) => revisionOf(b) - revisionOf(a))[0];
}

export function revisionOf(rs: V1ReplicaSet): number {
  return Number(rs.metadata?.annotations?.[REVISION] ?? 0);
}

export function sameTemplate(a: V1PodTemplateSpec, b: V1PodTemplateSpec | undefined): boolean {
  const strip = (t: V1PodTemplateSpec | undefined) => {
    const copy = structuredClone(t ?? {}) as V1PodTemplateSpec;
    if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
    return JSON.stringify(copy, Object.keys(flatten(copy)).sort());
  };
  return strip(a) === strip(b);
}

function flatten(value: unknown, keys: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys[k] = true;
      flatten(v, keys);
    }
  }
  return keys;
}
