import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke, type SmokeConfig } from '../src/index.js';
import { expectValidReport } from './helpers/report-schema.js';

const services: RunningService[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
});

async function start(options: Parameters<typeof startExampleService>[0] = {}): Promise<string> {
  const service = await startExampleService({ port: 0, log: () => undefined, ...options });
  services.push(service);
  return service.url;
}

/** The example service as its own process, for faults that would stall the test runner too. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<string> {
  const main = fileURLToPath(
    import.meta.resolve('@n1v1/example-service').replace(/index\.js$/, 'main.js'),
  );
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  let out = '';
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) return match[1]!;
  }
  throw new Error(`the example service exited before listening: ${out}`);
}

const validateProbe: SmokeConfig = {
  trading: {
    probe: {
      method: 'POST',
      path: '/api/v1/orders/validate',
      body: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: 0.5, price: 60000 },
      expectStatus: 200,
      expectJson: [{ path: 'valid', equals: true }],
    },
  },
  checks: [{ name: 'ticker', path: '/api/v1/ticker/BTC-USD', expectStatus: 200 }],
};

describe('runSmoke against the example service', () => {
  it('passes every check of a healthy service, the order-validation probe included', async () => {
    const url = await start();
    const report = await runSmoke({ url, config: validateProbe });
    expectValidReport(report);
    expect(report.checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      'health:pass',
      'ready:pass',
      'status:pass',
      'trading:pass',
      'resources:pass',
      'ticker:pass',
    ]);
    expect(report.checks[3]!.details).toMatchObject({
      mode: 'paper',
      enabled: true,
      probe: { httpStatus: 200 },
    });
    expect(report.checks[4]!.details).toHaveProperty('rssMiB');
  });

  it('fails readiness, not liveness, when the exchange is down', async () => {
    const url = await start({ exchange: 'fail' });
    const report = await runSmoke({ url, config: { skip: ['resources'] } });
    expectValidReport(report);
    expect(report.checks[0]!.status).toBe('pass');
    expect(report.checks[1]!.status).toBe('fail');
    expect(report.checks[1]!.error).toMatch(
      /^GET \/ready: expected 2xx with status pass or warn, got HTTP 503 with status "fail" \(failing: [^)]*exchange/,
    );
  });

  it('fails the load check when the trading API answers errors', async () => {
    const url = await start({ errorRate: 1 });
    const report = await runSmoke({
      url,
      config: { skip: ['resources'], load: { path: '/api/v1/ticker/BTC-USD', connections: 2 } },
      load: { durationSec: 1 },
    });
    expectValidReport(report);
    expect(report.load!.statusCodes['500']).toBeGreaterThan(0);
    expect(report.checks.at(-1)).toMatchObject({
      name: 'load',
      status: 'fail',
      error: expect.stringMatching(/error rate 100\.00%/),
    });
  });

  it('fails the resources check when the event loop stalls', async () => {
    const url = await startProcess({ N1V1_STALL_EVENT_LOOP_MS: '400' });
    const report = await runSmoke({
      url,
      waitMs: 10_000,
      config: { resources: { sampleMs: 1500 } },
    });
    expectValidReport(report);
    const resources = report.checks.find((c) => c.name === 'resources')!;
    expect(resources.status).toBe('fail');
    expect(resources.error).toMatch(
      /event-loop delay \(max over 1.5 s\) 4\d\d ms over the 250 ms limit/,
    );
  });
});
