import type { Obj } from '../store/object-store.js';
import { type ControllerContext, ownedBy, REVISION } from './controller-context.js';
import { deploymentStatus } from './deployment-status.js';
import { rollingLimits } from './rollout-math.js';
import { templateHash } from './template-hash.js';

/** Annotations of a Deployment that are not copied to its ReplicaSets (as in the real controller). */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const revision = (rs: Obj) => Number(rs.metadata.annotations?.[REVISION] ?? 0);

/**
 * One pass of the deployment controller over every Deployment: the ReplicaSet of the
 * current template is found by its hash (or created under the next revision, or re-adopted
 * under a new revision number after an undo), replicas move one rolling-update step within
 * maxSurge and maxUnavailable (all old ones first for Recreate), nothing rolls while
 * `spec.paused`, old ReplicaSets beyond revisionHistoryLimit are deleted once the rollout is
 * complete, and the status and conditions follow.
 */
export function reconcileDeployments(ctx: ControllerContext): void {
  const rsType = ctx.type('ReplicaSet');
  for (const d of ctx.store.list(ctx.type('Deployment'))) {
    const owned = ctx.store.list(rsType, d.metadata.namespace).filter(ownedBy(d));
    const hash = templateHash(d.spec.template);
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const old = owned.filter((rs) => rs !== current);
    const maxOld = Math.max(0, ...old.map(revision));
    let created = false;
    if (!d.spec.paused) {
      if (!current) {
        current = newReplicaSet(d, hash, maxOld + 1);
        created = true;
      } else if (revision(current) <= maxOld) {
        const history = current.metadata.annotations['deployment.kubernetes.io/revision-history'];
        const previous = String(revision(current));
        current.metadata.annotations[REVISION] = String(maxOld + 1);
        current.metadata.annotations['deployment.kubernetes.io/revision-history'] = history
          ? `${history},${previous}`
          : previous;
      }
      copyAnnotations(d, current);
    }
    if (current) {
      d.metadata.annotations = {
        ...d.metadata.annotations,
        [REVISION]: current.metadata.annotations[REVISION],
      };
      const before = [current, ...old].map((rs) => rs.spec.replicas);
      const scaled = [current, ...old];
      scale(d, current, old);
      // As the real controller: a ReplicaSet it scales is stamped with the Deployment's sizes.
      scaled.forEach((rs, i) => {
        if (rs.spec.replicas !== before[i]) stampSizes(d, rs);
      });
      if (created) current = ctx.store.create(rsType, current);
      else ctx.save(rsType, current);
    } else if (old.length === 1) old[0]!.spec.replicas = d.spec.replicas;
    for (const rs of old) ctx.save(rsType, rs);
    const all = current ? [current, ...old] : old;
    d.status = deploymentStatus(d, current, all, { created, now: ctx.now() });
    if (
      d.status.conditions.some((c: Obj) => c.reason === 'NewReplicaSetAvailable') ||
      d.spec.paused
    )
      prune(ctx, d, old);
    ctx.save(ctx.type('Deployment'), d);
  }
}

function scale(d: Obj, current: Obj, old: Obj[]): void {
  const wanted = d.spec.replicas ?? 1;
  const oldReplicas = old.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
  // Paused: no rollout, but a scale still reaches the ReplicaSet that runs alone.
  if (d.spec.paused) {
    if (oldReplicas === 0) current.spec.replicas = wanted;
    return;
  }
  if (d.spec.strategy?.type === 'Recreate') {
    for (const rs of old) rs.spec.replicas = 0;
    const oldPods = old.reduce((s, rs) => s + (rs.status?.replicas ?? 0), 0);
    current.spec.replicas = oldPods === 0 ? wanted : 0;
    return;
  }
  const { surge, unavailable } = rollingLimits(d.spec.strategy ?? {}, wanted);
  if (current.spec.replicas > wanted) current.spec.replicas = wanted;
  const room = wanted + surge - oldReplicas - current.spec.replicas;
  if (current.spec.replicas < wanted && room > 0)
    current.spec.replicas += Math.min(1, wanted - current.spec.replicas);
  const available = [current, ...old].reduce((s, rs) => s + (rs.status?.availableReplicas ?? 0), 0);
  let removable = available - (wanted - unavailable);
  for (const rs of old.sort((a, b) => revision(a) - revision(b))) {
    const unhealthy = (rs.spec.replicas ?? 0) - (rs.status?.availableReplicas ?? 0);
    const down = Math.min(
      rs.spec.replicas ?? 0,
      Math.max(0, unhealthy) + Math.max(0, Math.min(1, removable)),
    );
    if (down > 0) {
      rs.spec.replicas -= down;
      removable -= Math.max(0, down - Math.max(0, unhealthy));
    }
  }
}

function newReplicaSet(d: Obj, hash: string, rev: number): Obj {
  const template = structuredClone(d.spec.template);
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: template.metadata.labels,
      annotations: { [REVISION]: String(rev) },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: d.metadata.name,
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector: {
        matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': hash },
        ...(d.spec.selector.matchExpressions
          ? { matchExpressions: d.spec.selector.matchExpressions }
          : {}),
      },
      template,
    },
    status: { replicas: 0 },
  };
}

function copyAnnotations(d: Obj, rs: Obj): void {
  const keep = Object.fromEntries(
    Object.entries(rs.metadata.annotations ?? {}).filter(([k]) => NOT_COPIED.has(k)),
  );
  const copied = Object.fromEntries(
    Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !NOT_COPIED.has(k)),
  );
  rs.metadata.annotations = { ...copied, ...keep };
  stampSizes(d, rs);
}

function stampSizes(d: Obj, rs: Obj): void {
  const wanted = d.spec.replicas ?? 1;
  const { surge } = rollingLimits(d.spec.strategy ?? {}, wanted);
  const max = wanted + (d.spec.strategy?.type === 'Recreate' ? 0 : surge);
  rs.metadata.annotations = {
    ...rs.metadata.annotations,
    'deployment.kubernetes.io/desired-replicas': String(wanted),
    'deployment.kubernetes.io/max-replicas': String(max),
  };
}

/** Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit. */
function prune(ctx: ControllerContext, d: Obj, old: Obj[]): void {
  const empty = old
    .filter((rs) => rs.spec.replicas === 0 && (rs.status?.replicas ?? 0) === 0)
    .sort((a, b) => revision(a) - revision(b));
  const excess = empty.length - (d.spec.revisionHistoryLimit ?? 10);
  for (const rs of empty.slice(0, Math.max(0, excess))) ctx.remove(ctx.type('ReplicaSet'), rs);
}
