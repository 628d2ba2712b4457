import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: n1v1 serve [--port=N] [--host=H]

Runs the example paper-trading service in this process until Ctrl-C (SIGINT) or SIGTERM,
then shuts it down gracefully. Once it listens, stdout carries one line:
"listening on http://127.0.0.1:<port>"; logs go to stderr.

Flags:
  --port=N   port to listen on (default $PORT, else 8000; 0 = any free port)
  --host=H   address to bind (default $HOST, else 127.0.0.1)

Environment:
  N1V1_VERSION, N1V1_RELEASE_ID, N1V1_ENVIRONMENT   identity in /health, /ready, /api/v1/status
  N1V1_ERROR_RATE=0..1        fraction of trading-API requests answered 500
  N1V1_LATENCY_MS=N           latency added to trading-API requests
  N1V1_EXCHANGE=ok|fail|hang  answer of the readiness check on the simulated exchange
  N1V1_STALL_EVENT_LOOP_MS=N  block the event loop N ms every second
  N1V1_CRASH_ON_START=1       fail right after start
  N1V1_SHUTDOWN_DELAY_MS=N    how long /ready fails before the listener closes (default 0)
  N1V1_SHUTDOWN_TIMEOUT_MS=N  then the longest draining may take (default 10000)
  N1V1_DETAILS_TOKEN=T        bearer token that shows failing checks' details (default: nobody)
  N1V1_ADMIN_TOKEN=T          bearer token of the /admin/faults routes (default: routes off)
Faults can also change while it runs: POST /admin/faults with
"Authorization: Bearer $N1V1_ADMIN_TOKEN" (the routes are off without N1V1_ADMIN_TOKEN).

Exit codes: 0 stopped by a signal, 1 could not start (port in use, crash on start),
2 bad flag or environment variable.
`;

/** What `serve` waits on; tests pass their own instead of real signals. */
export interface ServeDeps {
  /** Resolves with the reason to stop (the signal's name). */
  untilStopped: () => Promise<string>;
}

/** Resolves on the first of `signals`, then stops listening for them. */
export function untilSignal(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const name of signals) process.removeListener(name, stop);
      resolve(signal);
    };
    for (const name of signals) process.on(name, stop);
  });
}

export function serveCommand(deps: ServeDeps = { untilStopped: () => untilSignal() }): Command {
  return {
    usage,
    async run(argv, io) {
      const flags = parseFlags('serve', argv, {
        port: { type: 'string' },
        host: { type: 'string' },
      });
      const port = flags.port === undefined ? undefined : readPort(String(flags.port));
      const host = typeof flags.host === 'string' ? flags.host.trim() : undefined;
      if (host === '') throw new UsageError('serve: --host needs an address, e.g. --host=0.0.0.0');
      const { optionsFromEnv, startExampleService } = await import('@n1v1/example-service');
      let fromEnv: ReturnType<typeof optionsFromEnv>;
      try {
        fromEnv = optionsFromEnv(io.env);
      } catch (error) {
        throw new UsageError(`serve: ${(error as Error).message}`);
      }
      const service = await startExampleService({
        ...fromEnv,
        ...(port === undefined ? {} : { port }),
        ...(host === undefined ? {} : { host }),
        log: (line) => io.stderr.write(`example-service: ${line}\n`),
      });
      io.stdout.write(`listening on ${service.url}\n`);
      const reason = await deps.untilStopped();
      io.stderr.write(`n1v1 serve: ${reason}: stopping gracefully\n`);
      await service.close();
      return ExitCode.Ok;
    },
  };
}

export const command: Command = serveCommand();

function readPort(raw: string): number {
  const port = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(
      `serve: --port must be an integer from 0 to 65535 (got ${JSON.stringify(raw)})`,
    );
  }
  return port;
}
