import { fileURLToPath } from 'node:url';
import type { Benchmark } from './lib/benchmark.js';
import { medianCommandMs } from './lib/time-command.js';

const bin = fileURLToPath(new URL('../../apps/cli/bin/n1v1.js', import.meta.url));

/** `n1v1 --version` must not pay for modules only other commands need. */
const benchmark: Benchmark = {
  name: 'cli-startup',
  description: 'n1v1 start-up time against a bare `node -e 0` (median of 15 runs each)',
  async run() {
    const node = medianCommandMs(process.execPath, ['-e', '0']);
    const version = medianCommandMs(process.execPath, [bin, '--version']);
    const help = medianCommandMs(process.execPath, [bin, '--help']);
    const smokeHelp = medianCommandMs(process.execPath, [bin, 'smoke', '--help']);
    const baseline = { name: 'node -e 0', value: node };
    return [
      { metric: 'node -e 0', value: node, unit: 'ms' },
      { metric: 'n1v1 --version', value: version, unit: 'ms', baseline, target: 'ratio <= 1.5' },
      { metric: 'n1v1 --help', value: help, unit: 'ms', baseline, target: 'ratio <= 1.5' },
      {
        metric: 'n1v1 smoke --help',
        value: smokeHelp,
        unit: 'ms',
        baseline,
        target: 'ratio <= 1.5',
      },
    ];
  },
};

export default benchmark;
