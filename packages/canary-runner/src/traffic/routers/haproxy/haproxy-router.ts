import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CanaryError } from '../../../canary-error.js';
import type { HaproxyRouterConfig, RouteMatch } from '../../../config/config-types.js';
import { freePort } from '../../../deployers/local/free-port.js';
import type { PlannedAction } from '../../../run/planned-action.js';
import { describeWeight, type RouterTargets, type TrafficRouter } from '../traffic-router.js';
import {
  HAPROXY_NAMES,
  haproxyConfig,
  type MatchRule,
  matchRules,
  ruleFor,
  serverAddress,
} from './haproxy-config.js';
import { findHaproxy, type HaproxyProcess, startHaproxy, stopHaproxy } from './haproxy-process.js';
import { routedCounts } from './haproxy-stats.js';
import { runtimeCommand, runtimeCommands } from './runtime-api.js';

export interface HaproxyRouterOptions {
  config: HaproxyRouterConfig;
  stateDir: string;
  runId: string;
  /** Every match the run's steps use: the generated config holds an ACL for each. */
  matches: Array<RouteMatch | undefined>;
}

/** What the journal keeps of a haproxy router, so that the next run can reach it. */
export interface HaproxyRecord extends HaproxyProcess {
  type: 'haproxy';
  rules: MatchRule[];
}

/** A unix socket path must fit in sun_path (108 bytes on Linux). */
const MAX_SOCKET_PATH = 100;
const BIND_ATTEMPTS = 3;

/**
 * The local and single-host router: a real HAProxy on 127.0.0.1 in front of stable and
 * canary, started by the run. Weights change through the runtime API (`set weight`), header
 * and cookie matches through map files (`add map`/`clear map`): never a reload, so no
 * connection is dropped and the change is in effect for the next request.
 */
export function haproxyRouter(options: HaproxyRouterOptions): TrafficRouter {
  return new HaproxyRouter(options);
}

/** The router of a run that died, from its journal record: it can still cut the canary to 0. */
export function attachHaproxyRouter(record: HaproxyRecord): TrafficRouter {
  return new HaproxyRouter(undefined, record);
}

class HaproxyRouter implements TrafficRouter {
  readonly type = 'haproxy' as const;
  weightPercent = 0;
  match: RouteMatch | undefined;
  private started: HaproxyRecord | undefined;

  constructor(
    private readonly options: HaproxyRouterOptions | undefined,
    attached?: HaproxyRecord,
  ) {
    this.started = attached;
  }

  async start(targets: RouterTargets, signal: AbortSignal) {
    const { options } = this;
    if (!options) throw new Error('an attached haproxy router is already started');
    if (!targets.stableUrl) {
      throw new CanaryError(
        'E_CONFIG_INVALID',
        'router.type "haproxy" needs the stable URL: set baselineUrl or use the local deployer',
      );
    }
    const binary = findHaproxy(options.config.binary);
    const dir = join(options.stateDir, 'haproxy', options.runId);
    mkdirSync(dir, { recursive: true });
    const socketPath =
      join(dir, 'admin.sock').length <= MAX_SOCKET_PATH
        ? join(dir, 'admin.sock')
        : join(mkdtempSync(join(tmpdir(), 'n1v1-haproxy-')), 'admin.sock');
    const rules = matchRules(options.matches, dir);
    for (const rule of rules) writeFileSync(rule.mapFile, '');
    let lastError: unknown;
    // A free port can be taken between the probe and haproxy's bind: try a few.
    for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      const port = options.config.port || (await freePort());
      const configFile = join(dir, 'haproxy.cfg');
      writeFileSync(
        configFile,
        haproxyConfig({
          runId: options.runId,
          port,
          socketPath,
          stable: serverAddress(targets.stableUrl),
          canary: serverAddress(targets.canaryUrl),
          rules,
        }),
      );
      try {
        const proc = await startHaproxy(
          binary,
          { configFile, socketPath, logFile: join(dir, 'haproxy.log'), port },
          signal,
        );
        this.started = { type: 'haproxy', ...proc, rules };
        return { entryUrl: proc.url, record: { ...this.started } };
      } catch (error) {
        lastError = error;
        if (options.config.port) break;
      }
    }
    throw lastError;
  }

  async setWeight(weightPercent: number, match?: RouteMatch): Promise<string> {
    const proc = this.require();
    await runtimeCommands(proc.socketPath, this.commands(weightPercent, match, proc.rules));
    this.weightPercent = weightPercent;
    this.match = match;
    return `haproxy ${proc.url}: ${describeWeight(weightPercent, match)}`;
  }

  plan(weightPercent: number, match?: RouteMatch): PlannedAction[] {
    const rules = this.started?.rules ?? matchRules(this.options?.matches ?? [], '<run dir>');
    return [
      {
        step: 'traffic',
        kind: 'http',
        summary: `haproxy runtime API: ${describeWeight(weightPercent, match)}`,
        detail: { commands: this.commands(weightPercent, match, rules) },
      },
    ];
  }

  async counts() {
    const proc = this.require();
    return routedCounts(await runtimeCommand(proc.socketPath, 'show stat'));
  }

  async close(): Promise<void> {
    if (this.started) await stopHaproxy(this.started);
  }

  /** The runtime API commands of one change: weights first, then who matches. */
  private commands(weightPercent: number, match: RouteMatch | undefined, rules: MatchRule[]) {
    const { weighted } = HAPROXY_NAMES;
    const commands = [
      `set weight ${weighted}/canary ${weightPercent}`,
      `set weight ${weighted}/stable ${100 - weightPercent}`,
    ];
    for (const rule of rules) {
      commands.push(`clear map ${rule.mapFile}`);
      const wanted = rule.kind === 'header' ? match?.header : match?.cookie;
      if (wanted && ruleFor(rules, rule.kind, wanted.name) === rule) {
        commands.push(`add map ${rule.mapFile} ${wanted.value} canary`);
      }
    }
    return commands;
  }

  private require(): HaproxyRecord {
    if (!this.started) throw new Error('the haproxy router was not started');
    return this.started;
  }
}
