import { ciRunUrl } from '../ci-run-url.js';
import type { Command } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { runManualAction } from './manual-action.js';

const usage = `Usage: n1v1 rollback [--env=staging] [--config=FILE] [--run-url=URL] [--dry-run] [--json]

Manual intervention: rolls back the environment's current canary, found from the journal
in .n1v1/runs/, with the same notifications as any rollback. Runs that died half-way are
rolled back first. With no canary out there it does nothing and exits 0 (idempotent).
With the local deployer it also stops the stable process a local run started, so that
nothing of it is left running.

Flags:
  --env=NAME      environment (default staging)
  --config=FILE   config file (default ./n1v1.config.json)
  --run-url=URL   link to the CI run in every notification (default: the GitHub Actions run)
  --dry-run       print what it would do, do nothing
  --json          print the result as one JSON document on stdout

Exit codes: 0 rolled back or nothing to do, 2 bad config or flag, 3 the rollback failed.
`;

const spec = {
  env: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'run-url': { type: 'string' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('rollback', argv, spec);
    const runUrl = ciRunUrl(io.env, flags['run-url']);
    const { rollback } = await import('@n1v1/canary-runner');
    return runManualAction(io, flags.json === true, (notifier) =>
      rollback({
        cwd: io.cwd,
        ...(runUrl ? { runUrl } : {}),
        ...(typeof flags.env === 'string' ? { env: flags.env } : {}),
        ...(typeof flags.config === 'string' ? { configPath: flags.config } : {}),
        dryRun: flags['dry-run'] === true,
        notifier,
      }),
    );
  },
};
