import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { parseLoadReport, parseReport } from './helpers/schemas.js';
import { memoryIo } from './memory-io.js';

const services: RunningService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

async function start(options: Parameters<typeof startExampleService>[0] = {}): Promise<string> {
  const service = await startExampleService({ port: 0, log: () => undefined, ...options });
  services.push(service);
  return service.url;
}

describe('n1v1 smoke and load against the example service', () => {
  it('pass a healthy service, load check included', async () => {
    const url = await start();
    const io = memoryIo();
    const code = await main(
      ['smoke', `--url=${url}`, '--json', '--load', '--duration=1s', '--connections=2'],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const report = parseReport(io.out());
    expect(report.checks.map((c) => c.name)).toEqual([
      'health',
      'ready',
      'status',
      'trading',
      'resources',
      'load',
    ]);
    expect(report.load!.statusCodes['200']).toBeGreaterThan(0);
  });

  it('exit 1 with the reason when the exchange is down', async () => {
    const url = await start({ exchange: 'fail' });
    const io = memoryIo();
    expect(await main(['smoke', `--url=${url}`], io)).toBe(1);
    expect(io.out()).toMatch(
      /\n {2}ready +FAIL +\d+ ms {2}GET \/ready: expected 2xx with status pass or warn, got HTTP 503/,
    );
  });

  it('exit 1 from the load command when the trading API fails half its requests', async () => {
    const url = await start({ errorRate: 0.5 });
    const io = memoryIo();
    const code = await main(
      [
        'load',
        `--url=${url}`,
        '--path=/api/v1/ticker/BTC-USD',
        '--duration=1s',
        '--connections=2',
        '--json',
      ],
      io,
    );
    expect(code).toBe(1);
    const report = parseLoadReport(io.out());
    expect(report.errorRate).toBeGreaterThan(0.2);
    expect(report.statusCodes['500']).toBeGreaterThan(0);
  });
});
