import { CanaryError } from '../../canary-error.js';
import type { CommandDeployerConfig } from '../../config/config-types.js';
import type { DeployContext, Deployer } from '../deployer.js';
import { lastLine, runScript } from './run-script.js';
import { scriptEnvironment } from './script-env.js';

export interface CommandDeployerOptions {
  config: CommandDeployerConfig;
  canaryUrl?: string;
  baselineUrl?: string;
}

/**
 * The user's own scripts for deploy, rollback and promote. Each gets a minimal environment
 * (PATH, HOME and the like, `deployer.env`, and N1V1_ENV, N1V1_VERSION, N1V1_RUN_ID,
 * N1V1_SERVICE, N1V1_CANARY_URL); its output goes, redacted, to the journal; a non-zero exit
 * or a timeout fails the step.
 */
export function commandDeployer(options: CommandDeployerOptions): Deployer {
  const { config } = options;
  const timeoutMs = (config.timeoutSec ?? 300) * 1000;

  async function run(
    step: 'deploy' | 'rollback' | 'promote' | 'restore',
    ctx: DeployContext,
  ): Promise<string> {
    const command = config[step];
    if (!command) {
      throw new CanaryError(
        'E_CONFIG_INVALID',
        `deployer.${step} is not configured; add the script that does it`,
      );
    }
    const result = await runScript(command, {
      cwd: config.cwd ?? ctx.cwd,
      timeoutMs,
      signal: ctx.signal,
      // In the journal (fsync'd) before the script can do anything: if this runner dies, the
      // next one stops the whole group before it rolls back, so the orphan cannot land later.
      ...(step === 'deploy'
        ? { onSpawn: (pgid: number) => ctx.record({ deployProcessGroup: pgid }) }
        : {}),
      env: scriptEnvironment(config.env, {
        N1V1_ENV: ctx.env,
        N1V1_VERSION: ctx.version,
        N1V1_RUN_ID: ctx.runId,
        N1V1_SERVICE: ctx.service,
        ...(options.canaryUrl ? { N1V1_CANARY_URL: options.canaryUrl } : {}),
        ...(options.baselineUrl ? { N1V1_BASELINE_URL: options.baselineUrl } : {}),
      }),
    });
    ctx.record({
      [`${step}Output`]: {
        code: result.code,
        timedOut: result.timedOut,
        stdout: result.stdout,
        stderr: result.stderr,
      },
    });
    for (const line of `${result.stdout}${result.stderr}`
      .trim()
      .split('\n')
      .filter(Boolean)
      .slice(-20)) {
      ctx.log(`${step}: ${line}`);
    }
    const shown = display(command);
    if (result.timedOut) {
      throw new CanaryError(
        'E_TIMEOUT',
        `${step} script ${shown} timed out after ${timeoutMs / 1000} s`,
      );
    }
    if (ctx.signal.aborted && result.code !== 0) {
      throw new CanaryError('E_INTERRUPTED', `${step} script ${shown} was interrupted`);
    }
    if (result.code !== 0) {
      const why = lastLine(result.stderr) || lastLine(result.stdout);
      throw new CanaryError(
        'E_DEPLOY_FAILED',
        `${step} script ${shown} exited with code ${result.code}${why ? `: ${why}` : ''}`,
      );
    }
    return `${step} script ${shown} succeeded in ${result.durationMs} ms`;
  }

  return {
    type: 'command',
    plan(step, ctx) {
      const command = config[step];
      const env = `N1V1_ENV=${ctx.env} N1V1_VERSION=${ctx.version} N1V1_RUN_ID=${ctx.runId}`;
      return [
        {
          step,
          kind: 'command',
          summary: command
            ? `run ${display(command)} with ${env} (timeout ${timeoutMs / 1000} s)`
            : `no ${step} script configured`,
        },
      ];
    },
    async deploy(ctx) {
      await run('deploy', ctx);
      return {
        ...(options.canaryUrl ? { canaryUrl: options.canaryUrl } : {}),
        ...(options.baselineUrl ? { baselineUrl: options.baselineUrl } : {}),
      };
    },
    async status() {
      return {
        healthy: true,
        detail: 'the command deployer cannot see the canary; health probes decide',
      };
    },
    rollback: (ctx) => run('rollback', ctx),
    promote: (ctx) => run('promote', ctx),
    async restore(ctx, record) {
      const previous = record.previousVersion;
      if (typeof previous !== 'string')
        throw new CanaryError(
          'E_DEPLOY_FAILED',
          'no previous version of this environment is known; roll it back by hand',
        );
      // The restore script, or else the promote script, run for the version that was replaced.
      return run(config.restore ? 'restore' : 'promote', { ...ctx, version: previous });
    },
  };
}

function display(command: string[] | string): string {
  return typeof command === 'string' ? JSON.stringify(command) : command.join(' ');
}
