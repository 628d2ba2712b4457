import type { Command } from '../command.js';

const usage = `Usage: n1v1 load --url=URL [flags]

Runs the load check alone: autocannon against one path, judged by thresholds.
Timeouts, connection errors and non-2xx answers count as errors.

Flags:
  --url=URL              base URL of the service (required)
  --path=PATH            path to load (default /health)
  --duration=DURATION    how long, e.g. 10s (default 10s, at most 5m)
  --connections=N        concurrent connections (default 10, at most 1000)
  --max-p99=MS           p99 latency limit in ms, or a duration like 250ms (default 1000)
  --max-error-rate=R     error-rate limit, 0..1 or a percentage like 1% (default 0.01)
  --min-rps=N            fewest requests per second (default: not judged)
  --json                 print the load report as one JSON document on stdout
  --timeout=DURATION     per-request timeout (default 5s)
  --header='Name: value' extra request header (repeatable)
  --token=TOKEN          bearer token (default: $N1V1_SMOKE_TOKEN); never printed
  --insecure, --ca=FILE  TLS verification, as for "n1v1 smoke"

Exit codes: 0 within every limit, 1 a limit was broken, 2 usage error.
`;

/** Only the help text loads with the command; the work, and what it imports, on `run`. */
export const command: Command = {
  usage,
  run: async (argv, io) => (await import('./load-run.js')).runLoadCommand(argv, io),
};
