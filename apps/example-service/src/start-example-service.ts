import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthLogger } from '@n1v1/health-server';
import { createApp } from './create-app.js';
import { ExampleServiceError } from './example-service-error.js';
import { EventLoopStaller } from './faults/event-loop-staller.js';
import { FaultSwitches, FIELD_NAMES, faultProblems } from './faults/fault-switches.js';
import type { ExampleServiceOptions, RunningService } from './options.js';
import { portProblems } from './options-from-env.js';
import { MarketData } from './trading/market-data.js';

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Starts the example paper-trading service and resolves once it listens. With
 * `handleSignals`, SIGTERM/SIGINT shut it down gracefully and exit the process.
 */
export async function startExampleService(
  options: ExampleServiceOptions = {},
): Promise<RunningService> {
  const problems = [
    ...faultProblems(options as Record<string, unknown>, FIELD_NAMES),
    ...portProblems(options.port, 'port'),
    ...durationProblems(options),
  ];
  if (problems.length > 0) throw new ExampleServiceError('E_CONFIG_INVALID', problems.join('; '));
  const log = options.log ?? ((line: string) => process.stderr.write(`example-service: ${line}\n`));
  const logger: HealthLogger = { info: log, warn: log, error: log };
  const faults = new FaultSwitches(options);
  const market = new MarketData();
  const staller = new EventLoopStaller(faults);
  const stopTimers = () => {
    staller.stop();
    market.stop();
  };
  const { app, health } = createApp(
    {
      version: options.version ?? PACKAGE_VERSION,
      releaseId: options.releaseId ?? 'local',
      environment: options.environment ?? 'development',
      ...(options.detailsToken ? { detailsToken: options.detailsToken } : {}),
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    },
    faults,
    market,
    logger,
  );
  const host = options.host ?? '127.0.0.1';
  let server: Server;
  try {
    server = await listen(app, options.port ?? 8000, host);
  } catch (error) {
    stopTimers();
    await health.close();
    throw error;
  }
  // Probes and scrapes are answered before express runs, as the health-server README shows.
  health.attach(server);
  if (options.crashOnStart) {
    stopTimers();
    await new Promise((resolve) => server.close(resolve));
    await health.close();
    throw new ExampleServiceError(
      'E_CRASH_ON_START',
      'crashing right after start, as N1V1_CRASH_ON_START asks',
    );
  }
  const shutdown = health.gracefulShutdown(server, {
    delayMs: options.shutdownDelayMs ?? 0,
    hardDeadlineMs: (options.shutdownDelayMs ?? 0) + (options.shutdownTimeoutMs ?? 10_000),
    signals: options.handleSignals ? ['SIGTERM', 'SIGINT'] : [],
    exit: options.handleSignals ? (code) => process.exit(code) : false,
    hooks: [{ name: 'stop-simulation', run: stopTimers }],
  });
  const port = (server.address() as AddressInfo).port;
  const running: RunningService = {
    url: `http://${displayHost(host)}:${port}`,
    port,
    close: async () => {
      await shutdown.shutdown('close');
    },
  };
  health.ready();
  log(
    `listening on ${running.url} (version ${options.version ?? PACKAGE_VERSION}, faults ${JSON.stringify(faults.get())})`,
  );
  return running;
}

function listen(app: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? '; set PORT to a free port, or 0 for any' : '';
      reject(
        new ExampleServiceError(
          'E_LISTEN_FAILED',
          `cannot listen on ${host}:${port}: ${error.code ?? error.message}${hint}`,
        ),
      );
    });
    server.listen(port, host, () => resolve(server));
  });
}

function durationProblems(options: ExampleServiceOptions): string[] {
  const problems: string[] = [];
  for (const key of ['shutdownDelayMs', 'shutdownTimeoutMs'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 600_000)) {
      problems.push(
        `${key} must be a number of ms from 0 to 600000 (got ${JSON.stringify(value)})`,
      );
    }
  }
  if (options.shutdownTimeoutMs === 0) problems.push('shutdownTimeoutMs must be above 0');
  return problems;
}

/** The address to print: loopback for a wildcard bind, brackets for IPv6. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
