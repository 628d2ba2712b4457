import type { V1Deployment } from '@kubernetes/client-node';

export interface RolloutStatus {
  done: boolean;
  /** The deadline passed: the rollout will not finish by itself. */
  failed: boolean;
  message: string;
}

/**
 * The status of a Deployment's rollout exactly as `kubectl rollout status` computes it
 * (DeploymentStatusViewer): nothing counts until the controller observed the latest
 * generation; then a ProgressDeadlineExceeded condition fails, and the rollout is done
 * when every replica is updated, no old one is left and every updated one is available.
 */
export function rolloutStatus(deployment: V1Deployment): RolloutStatus {
  const name = deployment.metadata?.name ?? 'deployment';
  const generation = deployment.metadata?.generation ?? 0;
  const status = deployment.status ?? {};
  if (generation > (status.observedGeneration ?? 0)) {
    return {
      done: false,
      failed: false,
      message: 'Waiting for deployment spec update to be observed...',
    };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      done: false,
      failed: true,
      message: `deployment "${name}" exceeded its progress deadline`,
    };
  }
  const wanted = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < wanted) {
    return {
      done: false,
      failed: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${wanted} new replicas have been updated...`,
    };
  }
  if (replicas > updated) {
    return {
      done: false,
      failed: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`,
    };
  }
  if (available < updated) {
    return {
      done: false,
      failed: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
    };
  }
  return { done: true, failed: false, message: `deployment "${name}" successfully rolled out` };
}
