import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const cwd = mkdtempSync(join(tmpdir(), 'n1v1-backtest-cli-'));

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function n1v1(...args: string[]) {
  const io = { ...memoryIo({}), cwd };
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('n1v1 canary backtest', () => {
  it('refuses a bad --hours and an environment without Prometheus history, with exit 2 and one line', async () => {
    const bad = await n1v1('canary', 'backtest', '--hours=soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /--hours must be a number of hours above 0 and at most 744, got "soon"/,
    );
    writeFileSync(join(cwd, 'n1v1.config.json'), JSON.stringify({ environments: { staging: {} } }));
    const scrape = await n1v1('canary', 'backtest', '--json');
    expect(scrape.code).toBe(2);
    expect(JSON.parse(scrape.out)).toEqual({
      error: {
        code: 'E_CONFIG_INVALID',
        message:
          'environments.staging.metrics: a backtest replays history from Prometheus; set metrics.source to "prometheus" with a baselineSelector',
      },
    });
  });

  it('prints the rate over the replayed runs from a Prometheus that answers', async () => {
    const server = (await import('node:http')).createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }));
      req.resume();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    writeFileSync(
      join(cwd, 'n1v1.config.json'),
      JSON.stringify({
        environments: {
          staging: {
            metrics: {
              source: 'prometheus',
              url: `http://127.0.0.1:${port}`,
              canarySelector: 'job="c"',
              baselineSelector: 'job="b"',
            },
          },
        },
      }),
    );
    const result = await n1v1('canary', 'backtest', '--hours=1');
    server.close();
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      'backtest of staging on {job="b"} over 1 h: 0 false rollback(s) in 0 replayed runs = 0.0 % (95 % 0.0 % - 100.0 %)\n',
    );
  });
});
