import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './lib/benchmark.js';
import { median } from './lib/time-command.js';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 15;
// Not a dependency of the bench: loaded from canary-runner's own node_modules.
const kubernetesClient = new URL(
  '../../packages/canary-runner/node_modules/@kubernetes/client-node/dist/index.js',
  import.meta.url,
).href;

/**
 * Wall time of `node -e <script>` for each script, run in turns (a, b, c, a, b, c, ...) so
 * that a burst of load on a shared machine hits every subject alike; medians of RUNS each.
 */
function interleavedMedians(scripts: string[]): number[] {
  const times = scripts.map(() => [] as number[]);
  for (const script of scripts) spawnSync(process.execPath, ['-e', script], { cwd });
  for (let i = 0; i < RUNS; i++) {
    scripts.forEach((script, k) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, ['-e', script], { cwd, stdio: 'ignore' });
      times[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (result.status !== 0) throw new Error(`node -e "${script}" exited ${result.status}`);
    });
  }
  return times.map(median);
}

/** A library user importing canary-runner must not pay for the Kubernetes client. */
const benchmark: Benchmark = {
  name: 'canary-runner-import',
  description: `import('@n1v1/canary-runner') against a bare \`node -e 0\` (interleaved, median of ${RUNS} runs each)`,
  async run() {
    const [node, runner, withKubernetes] = interleavedMedians([
      '0',
      "import('@n1v1/canary-runner')",
      `import('@n1v1/canary-runner').then(() => import('${kubernetesClient}'))`,
    ]);
    const baseline = { name: 'node -e 0', value: node! };
    return [
      { metric: 'node -e 0', value: node!, unit: 'ms' },
      { metric: "import('@n1v1/canary-runner')", value: runner!, unit: 'ms', baseline },
      {
        metric: 'import above node -e 0',
        value: runner! - node!,
        unit: 'ms',
        target: '<= 150 ms',
      },
      {
        metric: 'with @kubernetes/client-node (for context)',
        value: withKubernetes!,
        unit: 'ms',
        baseline,
      },
    ];
  },
};

export default benchmark;
