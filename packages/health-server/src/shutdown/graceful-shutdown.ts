import type { Server } from 'node:http';
import type { HealthLogger } from '../health-options.js';
import type { Lifecycle } from '../lifecycle.js';
import { numberIn } from '../validate.js';
import { RequestTracker } from './request-tracker.js';
import { runHooks } from './run-hooks.js';
import type {
  HookReport,
  ShutdownController,
  ShutdownOptions,
  ShutdownReport,
} from './shutdown-types.js';

const WHERE = 'gracefulShutdown';

/** What the shutdown needs from the health object. */
export interface ShutdownDeps {
  lifecycle: Lifecycle;
  logger: HealthLogger;
  redact: (text: string) => string;
  /** Closes what the health object itself holds (management servers, check resources). */
  closeHealth: () => Promise<void>;
}

/**
 * Stops a server without losing a request: readiness fails at once, the server keeps
 * serving for `delayMs` while load balancers take it out, then stops accepting, drains
 * in-flight requests (closing keep-alive sockets as they go idle), runs the hooks, and
 * exits, all before the hard deadline.
 */
export function installGracefulShutdown(
  server: Server,
  deps: ShutdownDeps,
  options: ShutdownOptions = {},
): ShutdownController {
  const delayMs = numberIn(WHERE, 'delayMs', options.delayMs, 5000, 0);
  const hardDeadlineMs = numberIn(WHERE, 'hardDeadlineMs', options.hardDeadlineMs, 25_000, 1);
  const hookTimeoutMs = numberIn(WHERE, 'hookTimeoutMs', options.hookTimeoutMs, 5000, 1);
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit === undefined ? (code: number) => process.exit(code) : options.exit;
  const logger = options.logger ?? deps.logger;
  const tracker = new RequestTracker(server);
  let running: Promise<ShutdownReport> | undefined;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (running === undefined) {
      void controller.shutdown(signal);
      return;
    }
    logger.warn(`${signal} again during shutdown: exiting now`);
    if (exit) exit(1);
  };
  for (const signal of signals) process.on(signal, onSignal);
  const dispose = (): void => {
    for (const signal of signals) process.removeListener(signal, onSignal);
    tracker.dispose();
  };

  const controller: ShutdownController = {
    get stopping() {
      return running !== undefined;
    },
    dispose,
    shutdown(reason = 'shutdown') {
      running ??= run(reason).then((report) => {
        dispose();
        logger.info(
          `shutdown finished (exit ${report.exitCode}) in ${Math.round(report.durationMs)} ms`,
        );
        if (exit) exit(report.exitCode);
        return report;
      });
      return running;
    },
  };

  async function run(reason: string): Promise<ShutdownReport> {
    const started = performance.now();
    let deadlineTimer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      deadlineTimer = setTimeout(resolve, hardDeadlineMs, 'deadline');
      // The server being drained keeps the process alive; the deadline itself must not.
      deadlineTimer.unref();
    });
    const hooks: HookReport[] = [];
    const steps = (async () => {
      deps.lifecycle.markStopping();
      tracker.drain();
      logger.info(`${reason}: readiness fails now; closing the listener in ${delayMs} ms`);
      await Promise.race([sleep(delayMs), deadline]);
      await closeServer(server);
      logger.info('listener closed and in-flight requests drained');
      hooks.push(...(await runHooks(options.hooks ?? [], hookTimeoutMs, deps.redact)));
      for (const hook of hooks) {
        if (hook.status !== 'ok')
          logger.error(`shutdown hook "${hook.name}" ${hook.status}: ${hook.error}`);
      }
      await deps.closeHealth();
      return 'done' as const;
    })();
    const outcome = await Promise.race([steps, deadline]);
    clearTimeout(deadlineTimer);
    const forced = outcome === 'deadline';
    if (forced) {
      logger.error(`shutdown did not finish within ${hardDeadlineMs} ms: closing every connection`);
      server.closeAllConnections?.();
    }
    const failed = forced || hooks.some((hook) => hook.status !== 'ok');
    return {
      reason,
      exitCode: failed ? 1 : 0,
      forced,
      durationMs: performance.now() - started,
      hooks,
    };
  }

  return controller;
}

/** A delay that does not by itself keep the process alive (a listening server does). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Stops accepting, closes idle keep-alive sockets, and resolves once every connection ended. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeIdleConnections?.();
  });
}
