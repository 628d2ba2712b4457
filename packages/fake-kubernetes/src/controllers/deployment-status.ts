import type { Obj } from '../store/object-store.js';
import { isoNow } from './controller-context.js';
import { rollingLimits } from './rollout-math.js';

const counts = [
  'replicas',
  'updatedReplicas',
  'readyReplicas',
  'availableReplicas',
  'unavailableReplicas',
] as const;

/**
 * A Deployment's status from its ReplicaSets, with the Available and Progressing conditions
 * (reasons MinimumReplicasAvailable/Unavailable, NewReplicaSetCreated, FoundNewReplicaSet,
 * ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused,
 * DeploymentResumed) and their update and transition times.
 */
export function deploymentStatus(
  d: Obj,
  current: Obj | undefined,
  all: Obj[],
  at: { created: boolean; now: number },
): Obj {
  const sum = (f: (rs: Obj) => number) => all.reduce((s, rs) => s + f(rs), 0);
  const wanted = d.spec.replicas ?? 1;
  const previous: Obj = d.status ?? {};
  const status: Obj = {
    observedGeneration: d.metadata.generation,
    replicas: sum((rs) => rs.status?.replicas ?? 0),
    updatedReplicas: current?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: sum((rs) => rs.status?.availableReplicas ?? 0),
  };
  status.unavailableReplicas = Math.max(
    0,
    sum((rs) => rs.spec.replicas ?? 0) - status.availableReplicas,
  );
  for (const key of counts) if (!status[key]) delete status[key];
  const now = isoNow(at.now);
  const conditions: Obj[] = previous.conditions ?? [];
  const find = (type: string) => conditions.find((c) => c.type === type);
  const set = (type: string, value: string, reason: string, message: string, progressed = true) => {
    const before = find(type);
    const same =
      before && before.status === value && before.reason === reason && before.message === message;
    if (same && !progressed) return;
    const next = {
      type,
      status: value,
      lastUpdateTime: now,
      lastTransitionTime: before && before.status === value ? before.lastTransitionTime : now,
      reason,
      message,
    };
    if (before) conditions.splice(conditions.indexOf(before), 1, next);
    else conditions.push(next);
  };
  const { unavailable } = rollingLimits(d.spec.strategy ?? {}, wanted);
  const minimum = d.spec.strategy?.type === 'Recreate' ? wanted : wanted - unavailable;
  if ((status.availableReplicas ?? 0) >= minimum)
    set(
      'Available',
      'True',
      'MinimumReplicasAvailable',
      'Deployment has minimum availability.',
      false,
    );
  else
    set(
      'Available',
      'False',
      'MinimumReplicasUnavailable',
      'Deployment does not have minimum availability.',
      false,
    );
  const rsName = current?.metadata.name ?? '';
  const progressing = find('Progressing');
  const changed =
    counts.some((k) => (status[k] ?? 0) !== (previous[k] ?? 0)) ||
    previous.observedGeneration !== status.observedGeneration;
  const complete =
    current &&
    (status.updatedReplicas ?? 0) === wanted &&
    (status.replicas ?? 0) === wanted &&
    (status.availableReplicas ?? 0) === wanted;
  if (d.spec.paused)
    set('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', false);
  else if (progressing?.reason === 'DeploymentPaused')
    set('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed');
  else if (complete)
    set(
      'Progressing',
      'True',
      'NewReplicaSetAvailable',
      `ReplicaSet "${rsName}" has successfully progressed.`,
      false,
    );
  else if (at.created)
    set('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`);
  else if (changed || !progressing)
    set('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);
  else if (
    progressing.reason !== 'ProgressDeadlineExceeded' &&
    at.now - Date.parse(progressing.lastUpdateTime) > (d.spec.progressDeadlineSeconds ?? 600) * 1000
  )
    set(
      'Progressing',
      'False',
      'ProgressDeadlineExceeded',
      `ReplicaSet "${rsName}" has timed out progressing.`,
    );
  status.conditions = conditions;
  return status;
}
