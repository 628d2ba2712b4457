import { connect } from 'node:net';
import type { CheckDefinition } from '../checks/check-types.js';
import { HealthError } from '../health-error.js';
import { numberIn, requireText } from '../validate.js';
import { latencyOutcome } from './latency-outcome.js';

/** Options of {@link tcp}. */
export interface TcpCheckOptions {
  host: string;
  port: number;
  /** Connect time above which the check warns, in ms. Default: never warns. */
  warnMs?: number;
}

/** Passes when a TCP connection to host:port opens (then closes it). Observes the connect time in ms. */
export function tcp(options: TcpCheckOptions): CheckDefinition {
  const where = 'checks.tcp()';
  const host = requireText(where, 'host', options?.host, '"127.0.0.1"');
  const port = numberIn(where, 'port', options.port, Number.NaN, 1, 65_535);
  if (!Number.isInteger(port)) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: "port" must be an integer from 1 to 65535 (got ${options.port})`,
    );
  }
  const warnMs = numberIn(
    where,
    'warnMs',
    options.warnMs,
    Number.POSITIVE_INFINITY,
    0,
    Number.POSITIVE_INFINITY,
  );
  return {
    measurement: 'responseTime',
    componentType: 'component',
    run: ({ signal }) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const socket = connect({ host, port });
        const onAbort = () => {
          socket.destroy();
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => {
          signal.removeEventListener('abort', onAbort);
          socket.end();
          resolve(latencyOutcome(performance.now() - started, warnMs));
        });
        socket.once('error', (error) => {
          signal.removeEventListener('abort', onAbort);
          socket.destroy();
          reject(
            new HealthError(
              'E_TARGET_UNREACHABLE',
              `cannot connect to ${host}:${port}: ${codeOf(error)}`,
            ),
          );
        });
      }),
  };
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.message;
}
