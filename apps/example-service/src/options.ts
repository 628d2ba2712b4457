import type { Faults } from './faults/fault-switches.js';

/** Options of {@link startExampleService}; each mirrors an environment variable of `main.js`. */
export interface ExampleServiceOptions extends Partial<Faults> {
  /** `PORT`. Default 8000; 0 picks any free port. */
  port?: number;
  /** `HOST`. Default 127.0.0.1. */
  host?: string;
  /** `N1V1_VERSION`. Default the package version. */
  version?: string;
  /** `N1V1_RELEASE_ID`. Default `local`. */
  releaseId?: string;
  /** `N1V1_ENVIRONMENT`. Default `development`. */
  environment?: string;
  /** `N1V1_CRASH_ON_START=1`: start, then fail with E_CRASH_ON_START (the process exits 1). */
  crashOnStart?: boolean;
  /** `N1V1_SHUTDOWN_DELAY_MS`: how long readiness fails before the listener closes, in ms. Default 0. */
  shutdownDelayMs?: number;
  /**
   * `N1V1_SHUTDOWN_TIMEOUT_MS`: after the delay, the longest in-flight requests and hooks may
   * take before the process exits 1 anyway, in ms. Default 10000.
   */
  shutdownTimeoutMs?: number;
  /** `N1V1_DETAILS_TOKEN`: bearer token that shows check details. Default none: nobody sees them. */
  detailsToken?: string;
  /** `N1V1_ADMIN_TOKEN`: bearer token the `/admin/faults` routes require. Default none: they are off. */
  adminToken?: string;
  /** Shut down gracefully on SIGTERM/SIGINT and exit. Default false (the caller calls `close()`). */
  handleSignals?: boolean;
  /** Where log lines go. Default stderr. */
  log?: (line: string) => void;
}

/** A started service. */
export interface RunningService {
  /** `http://127.0.0.1:<port>` (the loopback address when bound to all interfaces). */
  url: string;
  port: number;
  /** Graceful shutdown: readiness fails, the listener closes after the delay, requests drain. */
  close(): Promise<void>;
}
