import { randomBytes } from 'node:crypto';
import type { Obj } from '../store/object-store.js';
import { type ControllerContext, isoNow, ownedBy } from './controller-context.js';

/**
 * Keeps each ReplicaSet's pods at its replica count and reports them in its status. A pod
 * is Running and Ready one step after it was created, unless one of its images is failing:
 * then it stays Pending in ImagePullBackOff, as a bad tag does on a real cluster.
 */
export function reconcileReplicaSets(ctx: ControllerContext): void {
  const rsType = ctx.type('ReplicaSet');
  const podType = ctx.type('Pod');
  const pods = ctx.store.list(podType);
  for (const rs of ctx.store.list(rsType)) {
    const own = pods.filter(ownedBy(rs));
    for (const pod of own) advancePod(ctx, pod);
    const wanted = rs.spec.replicas ?? 1;
    for (let i = own.length; i < wanted; i++) own.push(createPod(ctx, rs));
    if (own.length > wanted) {
      const doomed = own
        .sort(
          (a, b) =>
            Number(isReady(a)) - Number(isReady(b)) ||
            b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp),
        )
        .splice(0, own.length - wanted);
      for (const pod of doomed) ctx.remove(podType, pod);
    }
    const current = ctx.store.list(podType, rs.metadata.namespace).filter(ownedBy(rs));
    const ready = current.filter(isReady);
    const minReadyMs = (rs.spec.minReadySeconds ?? 0) * 1000;
    const available = ready.filter((p) => ctx.now() - Date.parse(readySince(p)) >= minReadyMs);
    rs.status = {
      replicas: current.length,
      fullyLabeledReplicas: current.length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      observedGeneration: rs.metadata.generation,
    };
    for (const key of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'])
      if (!rs.status[key]) delete rs.status[key];
    ctx.save(rsType, rs);
  }
}

const isReady = (pod: Obj) =>
  (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
const readySince = (pod: Obj) =>
  (pod.status.conditions as Obj[]).find((c) => c.type === 'Ready')!.lastTransitionTime;

function createPod(ctx: ControllerContext, rs: Obj): Obj {
  const template = structuredClone(rs.spec.template);
  const suffix = [...randomBytes(5)].map((b) => 'bcdfghjklmnpqrstvwxz2456789'[b % 27]).join('');
  const pod: Obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...template.metadata,
      name: `${rs.metadata.name}-${suffix}`,
      namespace: rs.metadata.namespace,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { ...template.spec, nodeName: 'fake-node' },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: isoNow(ctx.now()) }],
    },
  };
  return ctx.store.create(ctx.type('Pod'), pod);
}

function advancePod(ctx: ControllerContext, pod: Obj): void {
  if (pod.status.phase !== 'Pending') return;
  const at = isoNow(ctx.now());
  const failing = (pod.spec.containers as Obj[]).filter((c) => ctx.failingImages.has(c.image));
  const statuses = (pod.spec.containers as Obj[]).map((c) =>
    failing.includes(c)
      ? {
          name: c.name,
          image: c.image,
          ready: false,
          restartCount: 0,
          state: {
            waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` },
          },
        }
      : {
          name: c.name,
          image: c.image,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: at } },
        },
  );
  if (failing.length) {
    if (pod.status.containerStatuses) return;
    pod.status.containerStatuses = statuses;
    pod.status.conditions.push({
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      lastTransitionTime: at,
    });
  } else {
    pod.status = {
      phase: 'Running',
      podIP: `10.244.0.${1 + (ctx.store.resourceVersion % 250)}`,
      startTime: at,
      containerStatuses: statuses,
      conditions: [
        ...pod.status.conditions,
        { type: 'Initialized', status: 'True', lastTransitionTime: at },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: at },
        { type: 'Ready', status: 'True', lastTransitionTime: at },
      ],
    };
  }
  ctx.save(ctx.type('Pod'), pod);
}
