import { CanaryError } from '../../../canary-error.js';
import type { CommandRouterConfig, RouteMatch } from '../../../config/config-types.js';
import { lastLine, runScript } from '../../../deployers/command/run-script.js';
import { scriptEnvironment } from '../../../deployers/command/script-env.js';
import type { PlannedAction } from '../../../run/planned-action.js';
import { describeWeight, type TrafficRouter } from '../traffic-router.js';

export interface CommandRouterOptions {
  config: CommandRouterConfig;
  env: string;
  service: string;
  runId: string;
  cwd: string;
}

/** The environment the script is given for one weight change. */
export function routerScriptEnv(weightPercent: number, match?: RouteMatch): Record<string, string> {
  return {
    N1V1_CANARY_WEIGHT: String(weightPercent),
    N1V1_STABLE_WEIGHT: String(100 - weightPercent),
    ...(match?.header
      ? { N1V1_CANARY_MATCH_HEADER: match.header.name, N1V1_CANARY_MATCH_VALUE: match.header.value }
      : {}),
    ...(match?.cookie
      ? { N1V1_CANARY_MATCH_COOKIE: match.cookie.name, N1V1_CANARY_MATCH_VALUE: match.cookie.value }
      : {}),
  };
}

/**
 * The user's own script sets the weight (a mesh, a CDN, a load balancer we do not know):
 * it is run with `N1V1_CANARY_WEIGHT` (percent), `N1V1_STABLE_WEIGHT` and the step's match,
 * through the same runner as the command deployer's scripts; a non-zero exit fails the step.
 */
export function commandRouter(options: CommandRouterOptions): TrafficRouter {
  const { config } = options;
  const timeoutMs = (config.timeoutSec ?? 60) * 1000;
  const shown = typeof config.command === 'string' ? config.command : config.command.join(' ');
  const router: TrafficRouter & { weightPercent: number; match: RouteMatch | undefined } = {
    type: 'command',
    weightPercent: 0,
    match: undefined,
    async start() {
      return { record: { type: 'command' } };
    },
    async setWeight(weightPercent, match) {
      const result = await runScript(config.command, {
        cwd: config.cwd ?? options.cwd,
        timeoutMs,
        // The same minimal environment as the deploy scripts: no runner secret reaches it.
        env: scriptEnvironment(config.env, {
          N1V1_ENV: options.env,
          N1V1_SERVICE: options.service,
          N1V1_RUN_ID: options.runId,
          ...routerScriptEnv(weightPercent, match),
        }),
      });
      if (result.code !== 0) {
        const why = result.timedOut ? `ran past ${timeoutMs / 1000} s` : `exited ${result.code}`;
        const last = lastLine(result.stderr) || lastLine(result.stdout);
        throw new CanaryError(
          'E_DEPLOY_FAILED',
          `router command "${shown}" ${why} setting the weight to ${weightPercent} %${last ? `: ${last}` : ''}`,
        );
      }
      router.weightPercent = weightPercent;
      router.match = match;
      return `${shown}: ${describeWeight(weightPercent, match)}`;
    },
    plan(weightPercent, match): PlannedAction[] {
      return [
        {
          step: 'traffic',
          kind: 'command',
          summary: `run ${shown} with N1V1_CANARY_WEIGHT=${weightPercent}`,
          detail: { env: routerScriptEnv(weightPercent, match) },
        },
      ];
    },
    async close() {},
  };
  return router;
}
