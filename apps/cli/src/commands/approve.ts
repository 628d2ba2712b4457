import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';

const usage = `Usage: n1v1 approve [--env=staging] [--run=RUN_ID] [--config=FILE]

Opens the manual gate a canary run of the environment waits at (a step with
"gate": "manual"): the run goes on to its next step. Without --run it approves whichever
run of the environment waits; an approval is used up by the run that sees it.

Flags:
  --env=NAME      environment (default staging)
  --run=RUN_ID    approve only this run
  --config=FILE   config file (default ./n1v1.config.json)

Exit codes: 0 approved, 2 bad config or flag.
`;

const spec = {
  env: { type: 'string' },
  run: { type: 'string' },
  config: { type: 'string' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('approve', argv, spec);
    const { approveGate } = await import('@n1v1/canary-runner');
    const file = approveGate({
      cwd: io.cwd,
      ...(typeof flags.env === 'string' ? { env: flags.env } : {}),
      ...(typeof flags.config === 'string' ? { configPath: flags.config } : {}),
      ...(typeof flags.run === 'string' ? { runId: flags.run } : {}),
    });
    io.stdout.write(
      `approved the manual gate of ${typeof flags.run === 'string' ? `run ${flags.run}` : 'the waiting run'} (${file})\n`,
    );
    return ExitCode.Ok;
  },
};
