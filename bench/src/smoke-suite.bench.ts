import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runSmoke } from '@n1v1/smoke-tests';
import type { Benchmark } from './lib/benchmark.js';
import { median, startExampleServiceProcess, timeMs } from './smoke-shared.js';

const RUNS = 15;
const bin = fileURLToPath(new URL('../../apps/cli/bin/n1v1.js', import.meta.url));

/**
 * The same requests the suite makes without a CPU sample (health, ready, status,
 * metrics), one after another with fetch and no judging: what the network alone costs.
 */
async function bareRequests(url: string): Promise<void> {
  for (const path of ['/health', '/ready', '/api/v1/status', '/metrics']) {
    const res = await fetch(`${url}${path}`);
    await res.text();
  }
}

const benchmark: Benchmark = {
  name: 'smoke-suite',
  description: `whole smoke suite (no load) against the example service on loopback vs a bare fetch script doing the same requests (median of ${RUNS})`,
  async run() {
    const service = await startExampleServiceProcess();
    try {
      const noCpuSample = { resources: { sampleMs: 0 } };
      const first = await runSmoke({ url: service.url, config: noCpuSample });
      if (first.status !== 'pass')
        throw new Error(
          `the suite failed against the example service: ${JSON.stringify(first.checks)}`,
        );
      await bareRequests(service.url);
      const bare: number[] = [];
      const suite: number[] = [];
      const withCpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bare.push(await timeMs(() => bareRequests(service.url)));
        suite.push(await timeMs(() => runSmoke({ url: service.url, config: noCpuSample })));
      }
      for (let i = 0; i < 5; i++) withCpu.push(await timeMs(() => runSmoke({ url: service.url })));
      const cli: number[] = [];
      for (let i = 0; i < 5; i++) {
        cli.push(
          await timeMs(async () => {
            const result = spawnSync(
              process.execPath,
              [bin, 'smoke', `--url=${service.url}`, '--json'],
              { stdio: 'ignore' },
            );
            if (result.status !== 0) throw new Error(`n1v1 smoke exited ${result.status}`);
          }),
        );
      }
      const baseline = { name: 'bare fetch of the same 4 requests', value: median(bare) };
      return [
        { metric: 'bare fetch script, 4 requests', value: median(bare), unit: 'ms' },
        {
          metric: 'runSmoke, 5 checks (resources sampleMs 0)',
          value: median(suite),
          unit: 'ms',
          baseline,
          target: 'ratio <= 2',
        },
        { metric: 'runSmoke, default (1 s resources window)', value: median(withCpu), unit: 'ms' },
        { metric: 'n1v1 smoke --json process (default)', value: median(cli), unit: 'ms' },
      ];
    } finally {
      await service.stop();
    }
  },
};

export default benchmark;
