import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { exampleServiceCommand } from '../example-service-command.js';
import { parseFlags } from '../parse-flags.js';

const usage = `Usage: n1v1 canary [--env=staging] [--version=V] [--dry-run] [--no-rollback] [--config=FILE] [--json]
       n1v1 canary backtest [--env=staging] [--hours=24] [--config=FILE] [--json]

Deploys the version as a canary, smoke-tests it, watches it beside the stable version
(60 s by default: health and analysis every 5 s) and either declares it ready for
production or rolls it back, notifying at each step (Discord when DISCORD_WEBHOOK_URL is
set). Reads n1v1.config.json from the current directory, or --config; with no config it
runs the example service locally as stable and canary.

Flags:
  --env=NAME        environment block of the config (default staging)
  --version=V       version to deploy (default $N1V1_VERSION, else $GITHUB_SHA, else dev-<time>)
  --config=FILE     config file (default ./n1v1.config.json)
  --dry-run         print every action (commands, API patches, PromQL, notifications), take none
  --no-rollback     on failure notify and exit 1 but leave the canary in place
  --json            print the report as one JSON document on stdout (progress on stderr)
  --run-url=URL     link to the CI run in every notification (default: the GitHub Actions run)

\`canary backtest\` replays the environment's policy on its recorded Prometheus history
(metrics.source prometheus with a baselineSelector): the baseline's last --hours cut in
windows of a run's length, each judged against the window before it, look by look. It
prints the false-rollback rate you would have had and the looks that would have failed.

Exit codes: 0 passed, 1 rolled back (or failed with --no-rollback), 2 bad config or flag,
3 the rollback failed or the state is unknown: a person must look.
`;

const spec = {
  env: { type: 'string' },
  version: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'no-rollback': { type: 'boolean' },
  json: { type: 'boolean' },
  'run-url': { type: 'string' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    if (argv[0] === 'backtest') {
      const { runBacktest } = await import('./canary-backtest.js');
      return runBacktest(argv.slice(1), io);
    }
    const flags = parseFlags('canary', argv, spec);
    const json = flags.json === true;
    const runner = await import('@n1v1/canary-runner');
    const { notifierFromEnv } = await import('@n1v1/notifier');
    const { ciRunUrl } = await import('../ci-run-url.js');
    const runUrl = ciRunUrl(io.env, flags['run-url']);
    const { createCanaryProgress } = await import('../render/canary-progress.js');
    const { jsonOnError, writeJson } = await import('../render/canary-json.js');
    const { renderCanaryReport } = await import('../render/canary-report.js');
    const { paintFor } = await import('../render/color.js');
    const progress = createCanaryProgress(io.stderr);
    const report = await jsonOnError(io, json, () =>
      runner.runCanary({
        cwd: io.cwd,
        version: typeof flags.version === 'string' ? flags.version : runner.defaultVersion(io.env),
        ...(typeof flags.env === 'string' ? { env: flags.env } : {}),
        ...(typeof flags.config === 'string' ? { configPath: flags.config } : {}),
        dryRun: flags['dry-run'] === true,
        noRollback: flags['no-rollback'] === true,
        // With no config file at all, the example service; a config's local deployer names its own.
        ...(hasConfigFile(io.cwd, flags.config) ? {} : { localCommand: exampleServiceCommand() }),
        notifier: notifierFromEnv(io.env, { stream: io.stderr }),
        onProgress: progress.onProgress,
        ...(runUrl ? { runUrl } : {}),
      }),
    );
    progress.done();
    if (json) writeJson(io, report);
    else io.stdout.write(renderCanaryReport(report, paintFor(io.stdout, io.env)));
    return runner.verdictExitCode(report.verdict);
  },
};

function hasConfigFile(cwd: string, flag: unknown): boolean {
  return existsSync(resolve(cwd, typeof flag === 'string' ? flag : 'n1v1.config.json'));
}
