import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: n1v1 report <run id | journal file> [--env=NAME] [--out=FILE] [--config=FILE]

Renders a recorded run (canary, promote, or one that died half-way) as one self-contained
HTML page: verdict and reason, charts of canary against baseline, every look's decision
with its test and p-value, the bake, the timeline and the notifications. It opens with no
network. Written beside the run's journal (.n1v1/runs/<env>/<run id>.html) unless --out.
"n1v1 history" lists the run ids.

Flags:
  --env=NAME      look for the run id in this environment only (default: every environment)
  --out=FILE      write the page here instead
  --config=FILE   config file (default ./n1v1.config.json), for the state directory

Exit codes: 0 written, 2 no such run or a bad flag.
`;

const spec = {
  env: { type: 'string' },
  out: { type: 'string' },
  config: { type: 'string' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const positional = argv.filter((a) => !a.startsWith('-'));
    if (positional.length !== 1)
      throw new UsageError(
        'report: give one run id or journal file, e.g. "n1v1 report 20261201T101500Z-ab12"; "n1v1 history" lists them',
      );
    const flags = parseFlags(
      'report',
      argv.filter((a) => a !== positional[0]),
      spec,
    );
    const runner = await import('@n1v1/canary-runner');
    const { writeFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const stateDir = runner.resolveStateDir({
      cwd: io.cwd,
      ...(typeof flags.config === 'string' ? { path: flags.config } : {}),
    });
    const env = typeof flags.env === 'string' ? flags.env : undefined;
    const journal = runner.findJournal(stateDir, positional[0]!, io.cwd, env);
    let page: string;
    if (typeof flags.out === 'string') {
      page = resolve(io.cwd, flags.out);
      writeFileSync(page, runner.renderRunReport(runner.loadRunView(journal)));
    } else page = runner.renderReportFile(journal);
    io.stdout.write(`${page}\n`);
    return ExitCode.Ok;
  },
};
