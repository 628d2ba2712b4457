import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';

const usage = `Usage: n1v1 rollback [--env=staging] [--config=FILE] [--dry-run] [--json]

Manual intervention: rolls back the environment's current canary, found from the journal
in .n1v1/runs/, with the same notifications as any rollback. Runs that died half-way are
rolled back first. With no canary out there it does nothing and exits 0 (idempotent).

Flags:
  --env=NAME      environment (default staging)
  --config=FILE   config file (default ./n1v1.config.json)
  --dry-run       print what it would do, do nothing
  --json          print the result as one JSON document on stdout

Exit codes: 0 rolled back or nothing to do, 2 bad config or flag, 3 the rollback failed.
`;

const spec = {
  env: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('rollback', argv, spec);
    const json = flags.json === true;
    const { rollback } = await import('@n1v1/canary-runner');
    const { notifierFromEnv } = await import('@n1v1/notifier');
    const { jsonOnError, writeJson } = await import('../render/canary-json.js');
    const { renderManualReport } = await import('../render/canary-manual.js');
    const { paintFor } = await import('../render/color.js');
    const report = await jsonOnError(io, json, () =>
      rollback({
        cwd: io.cwd,
        ...(typeof flags.env === 'string' ? { env: flags.env } : {}),
        ...(typeof flags.config === 'string' ? { configPath: flags.config } : {}),
        dryRun: flags['dry-run'] === true,
        notifier: notifierFromEnv(io.env, { stream: io.stderr }),
      }),
    );
    if (json) writeJson(io, report);
    else io.stdout.write(renderManualReport(report, paintFor(io.stdout, io.env)));
    return report.ok ? ExitCode.Ok : ExitCode.NeedsAttention;
  },
};
