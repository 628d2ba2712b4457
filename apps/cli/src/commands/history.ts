import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';

const usage = `Usage: n1v1 history [--env=NAME] [--json] [--config=FILE]

Lists the recorded runs (canaries, promotions with their bake) of an environment, or of
every environment, oldest first: when, run id, kind, version, state and why, and the HTML
report when there is one ("n1v1 report <run id>" renders it for any run).

Flags:
  --env=NAME      this environment only (default: every environment with runs)
  --json          the runs as one JSON document on stdout
  --config=FILE   config file (default ./n1v1.config.json), for the state directory
`;

const spec = {
  env: { type: 'string' },
  json: { type: 'boolean' },
  config: { type: 'string' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('history', argv, spec);
    const runner = await import('@n1v1/canary-runner');
    const { historyRows, renderHistory } = await import('../render/history-table.js');
    const stateDir = runner.resolveStateDir({
      cwd: io.cwd,
      ...(typeof flags.config === 'string' ? { path: flags.config } : {}),
    });
    const envs = typeof flags.env === 'string' ? [flags.env] : runner.listEnvironments(stateDir);
    const rows = historyRows(
      envs.map((env) => ({ env, runs: runner.listRuns(stateDir, env) })),
      runner.reportPaths,
    );
    if (flags.json === true) io.stdout.write(`${JSON.stringify({ runs: rows }, null, 2)}\n`);
    else
      io.stdout.write(renderHistory(rows, typeof flags.env === 'string' ? flags.env : undefined));
    return ExitCode.Ok;
  },
};
