import type { Command } from '../command.js';

const usage = `Usage: n1v1 smoke --url=URL [flags]

Runs the smoke suite against a deployed service: health, ready, status, trading,
resources, the checks of --config, and load with --load.

Flags:
  --url=URL              base URL of the service (required), e.g. http://127.0.0.1:8000
  --profile=NAME         the contract to check (default n1v1, or the config's):
                           n1v1        /health, /ready (health+json), /api/v1/status, trading, /metrics
                           generic     /health and /ready answer 2xx (any body), /metrics if present
                           kubernetes  /livez and /readyz answer 2xx, /metrics if present
                           spring      /actuator/health/liveness, .../readiness, /actuator/prometheus
  --health-path=PATH     path of the health check (and of --wait), e.g. /-/healthy
  --ready-path=PATH      path of the ready check
  --status-path=PATH     path of the status check (n1v1)
  --metrics-path=PATH    path of the metrics the resources check reads
  --json                 print the report as one JSON document on stdout
  --junit=FILE           also write a JUnit XML report (one testcase per check)
  --config=FILE          JSON config: more checks, other limits, skipped checks
  --wait=DURATION        first wait until the health path answers 2xx, e.g. 60s (default: no wait)
  --timeout=DURATION     per-request timeout (default 5s)
  --deadline=DURATION    deadline for the whole run (default: wait + 2m, + load time)
  --header='Name: value' extra request header (repeatable)
  --token=TOKEN          bearer token (default: $N1V1_SMOKE_TOKEN); never printed
  --insecure             do not verify the TLS certificate
  --ca=FILE              trust this PEM CA certificate too
  --load                 also run the load check (on /health unless the config says)
  --duration, --connections, --max-p99, --max-error-rate, --min-rps
                         load settings, as for "n1v1 load"

Under GitHub Actions (GITHUB_ACTIONS=true) failures become ::error annotations and
a Markdown summary is appended to $GITHUB_STEP_SUMMARY.

Exit codes: 0 every check passed, 1 a check failed (an unreachable service too),
            2 usage or configuration error.
`;

/** Only the help text loads with the command; the work, and what it imports, on `run`. */
export const command: Command = {
  usage,
  run: async (argv, io) => (await import('./smoke-run.js')).runSmokeCommand(argv, io),
};
