import {
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1PodTemplateSpec,
} from '@kubernetes/client-node';
import { CanaryError } from '../../canary-error.js';
import type { KubernetesDeployerConfig } from '../../config/config-types.js';
import { sleep } from '../../run/sleep.js';
import type { DeployContext, Deployer } from '../deployer.js';
import { type AppsClient, createAppsApi } from './apps-api.js';
import { describeApiError } from './describe-api-error.js';
import type { KubeconfigLookup } from './load-kubeconfig.js';
import { rolloutStatus } from './rollout-status.js';
import { sameTemplate, undoRollout } from './undo-rollout.js';

export interface KubernetesDeployerOptions {
  config: KubernetesDeployerConfig;
  service: string;
  canaryUrl?: string;
  baselineUrl?: string;
  /** How often the rollout is polled, in ms. Default 500. */
  pollMs?: number;
  /** Where credentials are looked up (tests give their own environment). Default the process's. */
  lookup?: KubeconfigLookup;
}

/**
 * A canary Deployment beside the stable one: deploy sets the canary's image and replicas
 * and waits for the rollout as `kubectl rollout status` does; rollback scales the canary to
 * zero and undoes it to the previous revision as `kubectl rollout undo` does; promote sets
 * the stable Deployment's image and waits for it.
 */
export function kubernetesDeployer(options: KubernetesDeployerOptions): Deployer {
  const { config } = options;
  const canary = config.canaryDeployment ?? `${options.service}-canary`;
  const stable = config.stableDeployment ?? options.service;
  const rolloutMs = (config.rolloutTimeoutSec ?? 300) * 1000;
  let client: AppsClient | undefined;
  const connect = () => (client ??= createAppsApi(config, options.lookup));
  const api = () => connect().api;
  // Resolved lazily: a dry run's plan needs no credentials, only the namespace when it can tell.
  const ns = () => {
    try {
      return connect().namespace;
    } catch {
      return config.namespace ?? 'default';
    }
  };
  const image = (version: string) => config.image.replaceAll('{version}', version);

  const containerOf = (d: V1Deployment) => {
    const containers = d.spec?.template?.spec?.containers ?? [];
    const found = config.container
      ? containers.find((c) => c.name === config.container)
      : containers[0];
    if (!found)
      throw new CanaryError(
        'E_DEPLOY_FAILED',
        `deployment ${d.metadata?.name} has no container ${config.container ?? ''}`.trim(),
      );
    return found;
  };

  const imagePatch = (name: string, version: string, ctx: DeployContext, replicas?: number) => ({
    metadata: {
      annotations: {
        'kubernetes.io/change-cause': `n1v1 ${ctx.env} ${version} (run ${ctx.runId})`,
      },
    },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      template: { spec: { containers: [{ name, image: image(version) }] } },
    },
  });

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof CanaryError) throw error;
      throw new CanaryError(
        'E_DEPLOY_FAILED',
        `kubernetes: ${what} failed: ${describeApiError(error, client?.subject)}`,
      );
    }
  }

  async function waitRollout(name: string, ctx: DeployContext): Promise<string> {
    const deadline = Date.now() + rolloutMs;
    let last = '';
    while (Date.now() < deadline) {
      const status = rolloutStatus(
        await call(`reading ${name}`, () =>
          api().readNamespacedDeployment({ name, namespace: ns() }),
        ),
      );
      if (status.message !== last) {
        last = status.message;
        ctx.log(last);
      }
      if (status.failed) throw new CanaryError('E_DEPLOY_FAILED', status.message);
      if (status.done) return status.message;
      await sleep(options.pollMs ?? 500, ctx.signal);
    }
    throw new CanaryError(
      'E_TIMEOUT',
      `rollout of ${name} not finished after ${rolloutMs / 1000} s: ${last}`,
    );
  }

  async function scale(name: string, replicas: number) {
    await call(`scaling ${name}`, () =>
      api().patchNamespacedDeploymentScale(
        { name, namespace: ns(), body: { spec: { replicas } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
  }

  const path = (name: string) => `/apis/apps/v1/namespaces/${ns()}/deployments/${name}`;

  return {
    type: 'kubernetes',
    plan(step, ctx) {
      if (step === 'deploy') {
        return [
          {
            step,
            kind: 'kubernetes',
            summary: `GET ${path(canary)} (record the current image for rollback)`,
          },
          {
            step,
            kind: 'kubernetes',
            summary: `PATCH ${path(canary)} (application/strategic-merge-patch+json)`,
            detail: imagePatch(
              config.container ?? '<first container>',
              ctx.version,
              ctx,
              config.replicas ?? 1,
            ),
          },
          {
            step,
            kind: 'kubernetes',
            summary: `GET ${path(canary)} until rolled out (at most ${rolloutMs / 1000} s)`,
          },
        ];
      }
      if (step === 'rollback') {
        return [
          {
            step,
            kind: 'kubernetes',
            summary: `PATCH ${path(canary)}/scale (application/merge-patch+json)`,
            detail: { spec: { replicas: 0 } },
          },
          {
            step,
            kind: 'kubernetes',
            summary: `kubectl rollout undo ${canary} to the pod template the journal recorded before the deploy: PATCH ${path(canary)} (application/json-patch+json) with that ReplicaSet's template`,
          },
        ];
      }
      return [
        {
          step,
          kind: 'kubernetes',
          summary: `PATCH ${path(stable)} (application/strategic-merge-patch+json)`,
          detail: imagePatch(config.container ?? '<first container>', ctx.version, ctx),
        },
        {
          step,
          kind: 'kubernetes',
          summary: `GET ${path(stable)} until rolled out, then scale ${canary} to 0`,
        },
      ];
    },

    async deploy(ctx) {
      const before = await call(`reading ${canary}`, () =>
        api().readNamespacedDeployment({ name: canary, namespace: ns() }),
      );
      const container = containerOf(before);
      // Written before the patch: undo restores exactly this, even if the run dies next.
      ctx.record({
        namespace: ns(),
        deployment: canary,
        previousImage: container.image,
        previousReplicas: before.spec?.replicas ?? 0,
        previousRevision:
          before.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? null,
        previousTemplate: JSON.parse(JSON.stringify(before.spec?.template ?? {})),
      });
      await call(`patching ${canary}`, () =>
        api().patchNamespacedDeployment(
          {
            name: canary,
            namespace: ns(),
            body: imagePatch(container.name, ctx.version, ctx, config.replicas ?? 1),
          },
          setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
        ),
      );
      ctx.log(`set ${canary} ${container.name}=${image(ctx.version)}`);
      await waitRollout(canary, ctx);
      return {
        ...(options.canaryUrl ? { canaryUrl: options.canaryUrl } : {}),
        ...(options.baselineUrl ? { baselineUrl: options.baselineUrl } : {}),
      };
    },

    async status() {
      const d = await call(`reading ${canary}`, () =>
        api().readNamespacedDeployment({ name: canary, namespace: ns() }),
      );
      const s = rolloutStatus(d);
      const available = d.status?.availableReplicas ?? 0;
      const healthy = !s.failed && available >= 1;
      return {
        healthy,
        detail: healthy
          ? `${available} canary replicas available`
          : s.failed
            ? s.message
            : `no canary replica of ${canary} is available`,
      };
    },

    async rollback(_ctx, record) {
      if (record.previousImage === undefined)
        return `nothing was changed on ${canary}; nothing to undo`;
      await scale(canary, 0);
      const live = await call(`reading ${canary}`, () =>
        api().readNamespacedDeployment({ name: canary, namespace: ns() }),
      );
      const current = containerOf(live);
      const recorded = record.previousTemplate as V1PodTemplateSpec | undefined;
      const same = recorded
        ? sameTemplate(recorded, live.spec?.template)
        : current.image === record.previousImage;
      if (same) return `scaled ${canary} to 0; it already runs ${current.image}`;
      const undo = await call(`undoing ${canary}`, () =>
        undoRollout(api(), ns(), canary, recorded),
      );
      return `scaled ${canary} to 0; ${undo}`;
    },

    async promote(ctx) {
      const before = await call(`reading ${stable}`, () =>
        api().readNamespacedDeployment({ name: stable, namespace: ns() }),
      );
      const container = containerOf(before);
      ctx.record({ previousStableImage: container.image });
      await call(`patching ${stable}`, () =>
        api().patchNamespacedDeployment(
          { name: stable, namespace: ns(), body: imagePatch(container.name, ctx.version, ctx) },
          setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
        ),
      );
      const done = await waitRollout(stable, ctx);
      await scale(canary, 0);
      return `${done}; ${stable} runs ${image(ctx.version)}; scaled ${canary} to 0`;
    },

    async restore(ctx, record) {
      const previous = record.previousStableImage;
      if (typeof previous !== 'string')
        throw new CanaryError(
          'E_DEPLOY_FAILED',
          `the image ${stable} ran before the promotion was not recorded; roll it back by hand`,
        );
      const container = containerOf(
        await call(`reading ${stable}`, () =>
          api().readNamespacedDeployment({ name: stable, namespace: ns() }),
        ),
      );
      const body = {
        metadata: {
          annotations: {
            'kubernetes.io/change-cause': `n1v1 ${ctx.env} restore ${previous} (run ${ctx.runId})`,
          },
        },
        spec: { template: { spec: { containers: [{ name: container.name, image: previous }] } } },
      };
      await call(`patching ${stable}`, () =>
        api().patchNamespacedDeployment(
          { name: stable, namespace: ns(), body },
          setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
        ),
      );
      const done = await waitRollout(stable, ctx);
      return `${done}; ${stable} runs ${previous} again`;
    },
  };
}
