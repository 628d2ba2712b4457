import { ciRunUrl } from '../ci-run-url.js';
import type { Command } from '../command.js';
import { durationFlag } from '../parse-duration.js';
import { parseFlags } from '../parse-flags.js';
import { runManualAction } from './manual-action.js';

const usage = `Usage: n1v1 promote [--env=production] [--version=V] [--no-bake] [--bake=5m] [--config=FILE] [--dry-run] [--json]

The manual production rollout after a canary passed: rolls the version out to the
environment's stable through its deployer. Refuses (exit 1) unless the last canary of that
version in the gate environment (the config's "gate", default staging) passed. Then the
bake: production is watched (5 minutes by default) against its own figures from just
before the rollout, and rolled back by itself on a regression (exit 1).

Flags:
  --env=NAME      environment to roll out to (default production)
  --version=V     version to promote (default: the last canary that passed)
  --config=FILE   config file (default ./n1v1.config.json)
  --no-bake       roll out and stop: no bake window
  --bake=DURATION the bake window (default the config's bake.durationSec, 300 s)
  --bake-interval=DURATION  time between two bake looks (default 5s)
  --run-url=URL   link to the CI run in every notification (default: the GitHub Actions run)
  --dry-run       print what it would do, do nothing
  --json          print the result as one JSON document on stdout

Exit codes: 0 promoted (and baked), 1 refused (no passed canary of that version) or rolled
back by the bake, 2 bad config or flag, 3 the rollout or its rollback failed: a person must look.
`;

const spec = {
  env: { type: 'string' },
  version: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'no-bake': { type: 'boolean' },
  bake: { type: 'string' },
  'bake-interval': { type: 'string' },
  'run-url': { type: 'string' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('promote', argv, spec);
    const bakeMs = durationFlag('promote', 'bake', flags.bake);
    const intervalMs = durationFlag('promote', 'bake-interval', flags['bake-interval']);
    const bake = {
      ...(bakeMs === undefined ? {} : { durationSec: bakeMs / 1000 }),
      ...(intervalMs === undefined ? {} : { intervalSec: intervalMs / 1000 }),
    };
    const runUrl = ciRunUrl(io.env, flags['run-url']);
    const { promote } = await import('@n1v1/canary-runner');
    return runManualAction(io, flags.json === true, (notifier) =>
      promote({
        noBake: flags['no-bake'] === true,
        ...(Object.keys(bake).length ? { bake } : {}),
        ...(runUrl ? { runUrl } : {}),
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
