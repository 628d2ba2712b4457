import { join } from 'node:path';
import { CanaryError } from '../../canary-error.js';
import type { LocalDeployerConfig } from '../../config/config-types.js';
import type { DeployContext, Deployer, DeployResult } from '../deployer.js';
import { freePort } from './free-port.js';
import { describeLeftRunning } from './left-running.js';
import { readLocalState, writeLocalState } from './local-state.js';
import {
  isOurProcess,
  type ServiceProcess,
  startServiceProcess,
  stopServiceProcess,
} from './service-process.js';
import { waitReady } from './wait-ready.js';

export interface LocalDeployerOptions {
  config: LocalDeployerConfig;
  /** A stable URL from the config: then no stable process is started. */
  baselineUrl?: string;
  requestTimeoutMs: number;
}

/**
 * Runs the canary as a process on this machine beside a stable one (started too when none
 * runs). Rollback stops the canary by pid; promote makes it the stable one and stops the
 * old stable. Processes outlive the run unless `keepRunning` is false; the run then says
 * which ones still run, and a manual rollback (`n1v1 rollback`) stops the stable one too.
 */
export function localDeployer(options: LocalDeployerOptions): Deployer {
  const { config } = options;
  // runCanary refuses a local run without a command; rollback and promote stop by pid only.
  const command = config.command ?? [];
  const readyMs = (config.readyTimeoutSec ?? 30) * 1000;

  async function start(
    ctx: DeployContext,
    role: ServiceProcess['role'],
    version: string,
    port: number,
    env?: Record<string, string>,
  ) {
    const { process: proc, child } = startServiceProcess({
      role,
      command,
      port: port || (await freePort()),
      version,
      runId: ctx.runId,
      environment: ctx.env,
      ...(env ? { env } : {}),
      logDir: join(ctx.stateDir, 'local', 'logs'),
      cwd: ctx.cwd,
    });
    ctx.record({ [role]: proc });
    ctx.log(`started ${role} ${version} as pid ${proc.pid} on ${proc.url} (log ${proc.logFile})`);
    await waitReady(proc, child, {
      timeoutMs: readyMs,
      requestTimeoutMs: options.requestTimeoutMs,
      signal: ctx.signal,
    });
    return proc;
  }

  async function ensureStable(ctx: DeployContext): Promise<string> {
    if (options.baselineUrl) return options.baselineUrl;
    const current = readLocalState(ctx.stateDir, ctx.env).stable;
    if (current && isOurProcess(current)) return current.url;
    const stable = await start(
      ctx,
      'stable',
      config.stableVersion ?? 'stable',
      config.stablePort ?? 0,
      config.stableEnv,
    );
    writeLocalState(ctx.stateDir, ctx.env, { stable });
    ctx.record({ startedStable: true });
    return stable.url;
  }

  return {
    type: 'local',
    plan(step, ctx) {
      const cmd = command.join(' ');
      if (step === 'deploy') {
        return [
          ...(options.baselineUrl
            ? []
            : [
                {
                  step,
                  kind: 'process' as const,
                  summary: `start the stable version (if none runs): ${cmd} with PORT=<free port> N1V1_VERSION=${config.stableVersion ?? 'stable'}`,
                },
              ]),
          {
            step,
            kind: 'process',
            summary: `start the canary: ${cmd} with PORT=${config.canaryPort || '<free port>'} N1V1_VERSION=${ctx.version} N1V1_RUN_ID=${ctx.runId}`,
            detail: { env: config.env ?? {} },
          },
          {
            step,
            kind: 'http',
            summary: `GET /ready on the canary until 200 (at most ${readyMs / 1000} s)`,
          },
        ];
      }
      if (step === 'rollback')
        return [
          {
            step,
            kind: 'process',
            summary: 'stop the canary process by pid (SIGTERM, SIGKILL after 10 s)',
          },
        ];
      return [
        {
          step,
          kind: 'process',
          summary: `make the canary ${ctx.version} the stable process and stop the old stable`,
        },
      ];
    },

    async deploy(ctx): Promise<DeployResult> {
      const baselineUrl = await ensureStable(ctx);
      const canary = await start(ctx, 'canary', ctx.version, config.canaryPort ?? 0, config.env);
      ctx.record({ canaryUrl: canary.url });
      return { canaryUrl: canary.url, baselineUrl };
    },

    async status(_ctx, record) {
      const canary = record.canary as ServiceProcess | undefined;
      if (!canary) return { healthy: false, detail: 'no canary process was recorded' };
      return isOurProcess(canary)
        ? { healthy: true, detail: `canary pid ${canary.pid} running` }
        : { healthy: false, detail: `canary process (pid ${canary.pid}) is gone` };
    },

    async rollback(_ctx, record) {
      const canary = record.canary as ServiceProcess | undefined;
      if (!canary) return 'no canary process was started; nothing to stop';
      const result = await stopServiceProcess(canary);
      return result === 'stopped'
        ? `stopped canary pid ${canary.pid}`
        : `canary pid ${canary.pid} was not running`;
    },

    async promote(ctx, record) {
      const old = readLocalState(ctx.stateDir, ctx.env).stable;
      if (old) ctx.record({ previousStable: old, previousVersion: old.version });
      let next = record?.canary as ServiceProcess | undefined;
      if (!next || !isOurProcess(next)) {
        next = await start(ctx, 'stable', ctx.version, config.stablePort ?? 0, config.stableEnv);
      }
      ctx.record({ promotedStable: next });
      writeLocalState(ctx.stateDir, ctx.env, { stable: next });
      const replaced = old && old.pid !== next.pid;
      if (replaced && !ctx.keepPrevious) await stopServiceProcess(old);
      const fate = !replaced
        ? ''
        : ctx.keepPrevious
          ? `; the old stable pid ${old.pid} keeps running until the bake ends`
          : `; stopped the old stable pid ${old.pid}`;
      return `${ctx.version} (pid ${next.pid}, ${next.url}) is now the stable version${fate}`;
    },

    async restore(ctx, record) {
      const previous = record.previousStable as ServiceProcess | undefined;
      const promoted = record.promotedStable as ServiceProcess | undefined;
      if (!previous)
        throw new CanaryError(
          'E_DEPLOY_FAILED',
          'no previous stable process was recorded; nothing to go back to',
        );
      // Traffic goes back first; the bad version is stopped after.
      let back = previous;
      if (!isOurProcess(previous)) {
        back = await start(
          ctx,
          'stable',
          previous.version,
          config.stablePort ?? 0,
          config.stableEnv,
        );
      }
      writeLocalState(ctx.stateDir, ctx.env, { stable: back });
      // The moment production is back, journaled before the bad version's graceful shutdown.
      ctx.log(`${back.version} (pid ${back.pid}) serves ${ctx.env} again`);
      const stopped =
        promoted && promoted.pid !== back.pid && (await stopServiceProcess(promoted)) === 'stopped'
          ? `; stopped ${promoted.version} pid ${promoted.pid}`
          : '';
      return `${back.version} (pid ${back.pid}, ${back.url}) is the stable version again${back === previous ? '' : ' (restarted)'}${stopped}`;
    },

    async settle(_ctx, record) {
      const previous = record.previousStable as ServiceProcess | undefined;
      const promoted = record.promotedStable as ServiceProcess | undefined;
      if (!previous || previous.pid === promoted?.pid) return 'nothing to let go of';
      const result = await stopServiceProcess(previous);
      return result === 'stopped'
        ? `stopped the old stable ${previous.version} pid ${previous.pid}`
        : `the old stable pid ${previous.pid} was not running`;
    },

    stableUrl(ctx) {
      const stable = readLocalState(ctx.stateDir, ctx.env).stable;
      return stable && isOurProcess(stable) ? stable.url : undefined;
    },

    async release(ctx, record) {
      if (config.keepRunning !== false) {
        // Processes outlive the run on purpose (for rollback and promote); say which, and how to stop them.
        const left = describeLeftRunning(ctx, record);
        if (left) ctx.log(left);
        return;
      }
      const canary = record.canary as ServiceProcess | undefined;
      if (canary) await stopServiceProcess(canary);
      const stable = readLocalState(ctx.stateDir, ctx.env).stable;
      if (record.startedStable && stable?.runId === ctx.runId) {
        await stopServiceProcess(stable);
        writeLocalState(ctx.stateDir, ctx.env, {});
      }
    },
  };
}
