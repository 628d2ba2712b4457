import type { Command } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { runManualAction } from './manual-action.js';

const usage = `Usage: n1v1 promote [--env=production] [--version=V] [--config=FILE] [--dry-run] [--json]

The manual production rollout after a canary passed: rolls the version out to the
environment's stable through its deployer. Refuses (exit 1) unless the last canary of that
version in the gate environment (the config's "gate", default staging) passed.

Flags:
  --env=NAME      environment to roll out to (default production)
  --version=V     version to promote (default: the last canary that passed)
  --config=FILE   config file (default ./n1v1.config.json)
  --dry-run       print what it would do, do nothing
  --json          print the result as one JSON document on stdout

Exit codes: 0 promoted, 1 refused (no passed canary of that version), 2 bad config or flag,
3 the rollout failed: a person must look.
`;

const spec = {
  env: { type: 'string' },
  version: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('promote', argv, spec);
    const { promote } = await import('@n1v1/canary-runner');
    return runManualAction(io, flags.json === true, (notifier) =>
      promote({
        cwd: io.cwd,
        env: typeof flags.env === 'string' ? flags.env : 'production',
        ...(typeof flags.version === 'string' ? { version: flags.version } : {}),
        ...(typeof flags.config === 'string' ? { configPath: flags.config } : {}),
        dryRun: flags['dry-run'] === true,
        notifier,
      }),
    );
  },
};
