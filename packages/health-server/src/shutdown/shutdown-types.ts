import type { HealthLogger } from '../health-options.js';

/** Handed to a shutdown hook; the signal aborts when the hook's timeout passes. */
export interface HookContext {
  signal: AbortSignal;
}

/** Work to do after in-flight requests drained: close pools, flush queues. */
export type ShutdownHook =
  | ((context: HookContext) => unknown)
  | {
      name: string;
      run: (context: HookContext) => unknown;
      /** Longest this hook may take, in ms. Default the shutdown's `hookTimeoutMs`. */
      timeoutMs?: number;
    };

/** Options of `health.gracefulShutdown()`. */
export interface ShutdownOptions {
  /**
   * How long readiness fails while the server still serves, in ms, so load balancers and
   * Kubernetes endpoints stop sending traffic before the listener closes. Keep-alive
   * connections are served as usual meanwhile; from the listener's close on, each gets
   * `Connection: close` on its next response. Default 5000.
   */
  delayMs?: number;
  /** From the first signal, the longest the whole shutdown may take before exit(1), in ms. Default 25000. */
  hardDeadlineMs?: number;
  /** Run in order after the server drained, each with its own timeout. */
  hooks?: ShutdownHook[];
  /**
   * After the listener closed, how long an idle keep-alive connection may still bring one more
   * request (served with `Connection: close`) before it is closed, in ms. Closing it at once
   * would reset a request its client is sending on it at that moment. Default 1000.
   */
  idleCloseMs?: number;
  /** Default timeout of one hook, in ms. Default 5000. */
  hookTimeoutMs?: number;
  /** Signals that start the shutdown. Default SIGTERM and SIGINT; `[]` to start it only by `shutdown()`. */
  signals?: NodeJS.Signals[];
  /** Called with the exit code at the end. Default `process.exit`; `false` to leave the process running. */
  exit?: ((code: number) => void) | false;
  /** Default the health object's logger. */
  logger?: HealthLogger;
}

/** How one hook ended. */
export interface HookReport {
  name: string;
  status: 'ok' | 'failed' | 'timeout';
  durationMs: number;
  /** One redacted line for a failure. */
  error?: string;
}

/** How a shutdown ended. */
export interface ShutdownReport {
  /** The signal, or the reason passed to `shutdown()`. */
  reason: string;
  /** 0 when everything finished in time; 1 when a hook failed or the hard deadline hit. */
  exitCode: 0 | 1;
  /** True when the hard deadline cut the shutdown short. */
  forced: boolean;
  durationMs: number;
  hooks: HookReport[];
}

/** Returned by `health.gracefulShutdown()`. */
export interface ShutdownController {
  /** Starts the shutdown (as a signal would) and resolves when it ended; later calls share it. */
  shutdown(reason?: string): Promise<ShutdownReport>;
  /** True once the shutdown started. */
  readonly stopping: boolean;
  /** Removes the signal listeners and request tracking without shutting down. */
  dispose(): void;
}
