import { ExampleServiceError } from './example-service-error.js';
import { faultProblems } from './faults/fault-switches.js';
import type { ExampleServiceOptions } from './options.js';

const ENV_NAMES = {
  errorRate: 'N1V1_ERROR_RATE',
  latencyMs: 'N1V1_LATENCY_MS',
  exchange: 'N1V1_EXCHANGE',
  stallEventLoopMs: 'N1V1_STALL_EVENT_LOOP_MS',
};

/**
 * Reads the service's options from environment variables. Every problem is reported at
 * once, in one line, by variable name.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ExampleServiceOptions {
  const problems: string[] = [];
  const number = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value))
      problems.push(`${name} must be a number (got ${JSON.stringify(raw)})`);
    return value;
  };
  const text = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const options: ExampleServiceOptions = {
    port: number('PORT'),
    host: text('HOST'),
    version: text('N1V1_VERSION'),
    releaseId: text('N1V1_RELEASE_ID'),
    environment: text('N1V1_ENVIRONMENT'),
    errorRate: number(ENV_NAMES.errorRate),
    latencyMs: number(ENV_NAMES.latencyMs),
    exchange: text(ENV_NAMES.exchange) as ExampleServiceOptions['exchange'],
    stallEventLoopMs: number(ENV_NAMES.stallEventLoopMs),
    crashOnStart: ['1', 'true', 'yes'].includes(text('N1V1_CRASH_ON_START')?.toLowerCase() ?? ''),
    shutdownDelayMs: number('N1V1_SHUTDOWN_DELAY_MS'),
    shutdownTimeoutMs: number('N1V1_SHUTDOWN_TIMEOUT_MS'),
    detailsToken: text('N1V1_DETAILS_TOKEN'),
    adminToken: text('N1V1_ADMIN_TOKEN'),
  };
  if (problems.length === 0) {
    problems.push(...faultProblems(options as Record<string, unknown>, ENV_NAMES));
    problems.push(...portProblems(options.port, 'PORT'));
  }
  if (problems.length > 0) throw new ExampleServiceError('E_CONFIG_INVALID', problems.join('; '));
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/** A TCP port: an integer from 0 to 65535 (0 = any free port). */
export function portProblems(port: unknown, name: string): string[] {
  if (port === undefined) return [];
  return Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65_535
    ? []
    : [`${name} must be an integer from 0 to 65535 (got ${JSON.stringify(port)})`];
}
