import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
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
  const idleCloseMs = numberIn(WHERE, 'idleCloseMs', options.idleCloseMs, 1000, 0);
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
      logger.info(`${reason}: readiness fails now; closing the listener in ${delayMs} ms`);
      await Promise.race([sleep(delayMs), deadline]);
      await closeServer(server, tracker, idleCloseMs);
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

/**
 * Stops accepting, then drains, and resolves once every connection ended. The order matters:
 * a connection the kernel completed but the server has not accepted yet is reset when the
 * listener closes, so clients must not be sent off to reconnect (`Connection: close`) while
 * it is still open. During the delay keep-alive connections therefore stay as they are; once
 * the listener is closed every response carries `Connection: close` (the client's next
 * connect is refused cleanly, or goes to another instance), and sockets that sit idle are
 * closed once idle for `idleCloseMs`, not at once as `http.Server#close` would: a client may
 * be sending its next request on one right now.
 */
function closeServer(server: Server, tracker: RequestTracker, idleWaitMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      tracker.drain();
      resolve();
      return;
    }
    NetServer.prototype.close.call(server, () => resolve());
    tracker.drain();
    // After the drain a socket serves at most one more response and closes with it, so a
    // socket still idle when this fires has been idle for the whole `idleWaitMs`.
    if (idleWaitMs === 0) server.closeIdleConnections?.();
    else setTimeout(() => server.closeIdleConnections?.(), idleWaitMs).unref();
  });
}
