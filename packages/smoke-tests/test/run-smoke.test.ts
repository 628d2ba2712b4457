import type http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProgressEvent, runSmoke, SmokeError } from '../src/index.js';
import { contractService, healthBody, statusBody } from './helpers/contract-service.js';
import { Fixtures } from './helpers/fixtures.js';
import { expectValidReport } from './helpers/report-schema.js';

const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

describe('runSmoke against a healthy service', () => {
  it('passes every built-in check and reports what it saw', async () => {
    const url = await fixtures.http(contractService());
    const events: ProgressEvent[] = [];
    const report = await runSmoke({
      url,
      onProgress: (e) => events.push(e),
      config: { resources: { sampleMs: 50 } },
    });
    expectValidReport(report);
    expect(report.status).toBe('pass');
    expect(report.target).toBe(url);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['health', 'pass'],
      ['ready', 'pass'],
      ['status', 'pass'],
      ['trading', 'pass'],
      ['resources', 'pass'],
    ]);
    expect(report.summary).toEqual({ total: 5, passed: 5, failed: 0, skipped: 0 });
    expect(report.waitedMs).toBeUndefined();
    expect(report.checks[2]!.details).toMatchObject({
      version: '1.4.2',
      environment: 'test',
      httpStatus: 200,
    });
    expect(report.checks[3]!.details).toEqual({
      mode: 'paper',
      enabled: true,
      marketDataAgeMs: 150,
    });
    expect(report.checks[4]!.details).toMatchObject({
      rssMiB: 64,
      eventLoopDelayMs: 20,
      eventLoopDelayStat: 'max over 50 ms',
      cpuPercent: 0,
    });
    expect(events.filter((e) => e.type === 'check-end')).toHaveLength(5);
    expect(Date.parse(report.startedAt)).not.toBeNaN();
  });

  it('keeps the base path of the URL in front of every check path', async () => {
    const seen: http.IncomingMessage[] = [];
    const url = await fixtures.http(contractService({ seen }));
    await runSmoke({ url: `${url}/svc/`, config: { skip: ['resources'] } });
    expect(seen.map((r) => r.url).sort()).toEqual([
      '/svc/api/v1/status',
      '/svc/health',
      '/svc/ready',
    ]);
  });

  it('reads the status once for the status and trading checks', async () => {
    const seen: http.IncomingMessage[] = [];
    const url = await fixtures.http(contractService({ seen }));
    await runSmoke({ url, config: { skip: ['resources'] } });
    expect(seen.filter((r) => r.url === '/api/v1/status')).toHaveLength(1);
  });

  it('passes a warn status and names the warning checks', async () => {
    const url = await fixtures.http(
      contractService({
        ready: {
          status: 200,
          body: healthBody('warn', { 'exchange:latency': 'warn', 'db:ping': 'pass' }),
        },
      }),
    );
    const report = await runSmoke({ url, config: { skip: ['resources'] } });
    expect(report.status).toBe('pass');
    expect(report.checks[1]!.details).toMatchObject({
      status: 'warn',
      warnings: ['exchange:latency'],
    });
  });

  it('sends headers and the bearer token, and redacts both from the report', async () => {
    const seen: http.IncomingMessage[] = [];
    const url = await fixtures.http(
      contractService({
        seen,
        status: {
          status: 401,
          body: { error: 'bad token tok-ABCDEF123456 for key key-987654321' },
        },
      }),
    );
    const report = await runSmoke({
      url,
      token: 'tok-ABCDEF123456',
      headers: { 'X-Api-Key': 'key-987654321', 'X-Team': 'ops' },
      config: { skip: ['resources'] },
    });
    expectValidReport(report);
    expect(seen[0]!.headers.authorization).toBe('Bearer tok-ABCDEF123456');
    expect(seen[0]!.headers['x-api-key']).toBe('key-987654321');
    expect(seen[0]!.headers['x-team']).toBe('ops');
    const text = JSON.stringify(report);
    expect(text).not.toContain('tok-ABCDEF123456');
    expect(text).not.toContain('key-987654321');
    expect(report.checks[2]!.error).toContain('bad token *** for key ***');
  });

  it('redacts a password in the URL from the target', async () => {
    const url = await fixtures.http(contractService());
    const report = await runSmoke({
      url: url.replace('http://', 'http://ops:pa55word99@'),
      config: { skip: ['resources'] },
    });
    expect(report.target).toBe(url.replace('http://', 'http://***@'));
    expect(JSON.stringify(report)).not.toContain('pa55word99');
  });
});

describe('runSmoke waiting for a service that is starting', () => {
  it('polls /health until it answers and reports how long it waited', async () => {
    let calls = 0;
    const url = await fixtures.http((req, res) => {
      if (req.url === '/health' && ++calls < 3) {
        res.writeHead(503, { 'content-type': 'application/health+json' });
        return res.end(JSON.stringify(healthBody('fail')));
      }
      contractService()(req, res);
    });
    const events: ProgressEvent[] = [];
    const report = await runSmoke({
      url,
      waitMs: 20_000,
      onProgress: (e) => events.push(e),
      config: { skip: ['resources'] },
    });
    expectValidReport(report);
    expect(report.status).toBe('pass');
    expect(report.waitedMs).toBeGreaterThan(0);
    expect(report.waitedMs).toBeLessThan(20_000);
    expect(
      events.filter((e) => e.type === 'wait').map((e) => (e as { reason: string }).reason),
    ).toEqual(['HTTP 503', 'HTTP 503']);
  });

  it('waits for a port that starts listening later', async () => {
    const free = await fixtures.refusedUrl();
    const port = Number(new URL(free).port);
    const server = net.createServer();
    fixtures.onClose(() => new Promise((resolve) => server.close(() => resolve())));
    const later = setTimeout(() => {
      server.on('connection', (socket) => socket.destroy());
      server.listen(port, '127.0.0.1');
    }, 300);
    fixtures.onClose(() => clearTimeout(later));
    const report = await runSmoke({ url: free, waitMs: 1500, timeoutMs: 500 });
    expect(report.waitedMs).toBeGreaterThanOrEqual(1000);
    expect(report.checks[0]!.error).toMatch(/; no 2xx within the 1\.5 s wait$/);
  });

  it('gives up at the end of the wait and still runs and reports the checks', async () => {
    const url = await fixtures.refusedUrl();
    const report = await runSmoke({ url, waitMs: 400 });
    expectValidReport(report);
    expect(report.waitedMs).toBeGreaterThanOrEqual(350);
    expect(report.status).toBe('fail');
    expect(report.checks[0]!.error).toMatch(/connection refused.*; no 2xx within the 400 ms wait$/);
  });
});

describe('runSmoke deadlines and aborts', () => {
  it('fails the checks still running when the whole-run deadline passes', async () => {
    const url = await fixtures.tcp(() => undefined);
    const started = Date.now();
    const report = await runSmoke({ url, timeoutMs: 10_000, deadlineMs: 300 });
    expectValidReport(report);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(report.checks[0]!.error).toBe(
      "the run's 300 ms deadline passed before this check finished",
    );
  });

  it('stops when the caller aborts and still returns a report', async () => {
    const url = await fixtures.tcp(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const report = await runSmoke({ url, timeoutMs: 10_000, signal: controller.signal });
    expectValidReport(report);
    expect(report.checks.every((c) => c.status === 'fail')).toBe(true);
    expect(report.checks[0]!.error).toContain('the run was aborted');
  });

  it('treats a signal aborted before the start as an immediate abort', async () => {
    const url = await fixtures.http(contractService());
    const report = await runSmoke({ url, signal: AbortSignal.abort() });
    expect(report.status).toBe('fail');
    expect(report.checks[0]!.error).toContain('aborted');
  });

  it('keeps going when the progress callback throws', async () => {
    const url = await fixtures.http(contractService());
    const report = await runSmoke({
      url,
      config: { skip: ['resources'] },
      onProgress: () => {
        throw new Error('display broke');
      },
    });
    expect(report.status).toBe('pass');
  });
});

describe('runSmoke input errors', () => {
  it('throws E_URL_INVALID for a URL that is not http(s)', async () => {
    await expect(runSmoke({ url: 'localhost:8000' })).rejects.toMatchObject({
      code: 'E_URL_INVALID',
    });
    await expect(runSmoke({ url: '' })).rejects.toBeInstanceOf(SmokeError);
  });

  it('throws E_CONFIG_INVALID for bad numbers and a bad config', async () => {
    await expect(runSmoke({ url: 'http://127.0.0.1:1', timeoutMs: 0 })).rejects.toThrow(
      'timeoutMs must be a number of ms > 0, got 0',
    );
    await expect(runSmoke({ url: 'http://127.0.0.1:1', waitMs: -1 })).rejects.toThrow(
      'waitMs must be a number of ms >= 0',
    );
    await expect(
      runSmoke({ url: 'http://127.0.0.1:1', config: { timeoutMs: 'x' } as never }),
    ).rejects.toThrow('config: "timeoutMs" must be integer');
    await expect(
      runSmoke({ url: 'http://127.0.0.1:1', load: { connections: 5000 } }),
    ).rejects.toThrow('load connections must be a whole number from 1 to 1000, got 5000');
  });
});

describe('runSmoke with a statusless service', () => {
  it('skips trading when the status has no trading block', async () => {
    const url = await fixtures.http(
      contractService({ status: { status: 200, body: statusBody(null) } }),
    );
    const report = await runSmoke({ url, config: { skip: ['resources'] } });
    expect(report.checks[3]).toMatchObject({
      name: 'trading',
      status: 'skip',
      error: 'GET /api/v1/status has no trading block, and no trading probe is configured',
    });
    expect(report.status).toBe('pass');
  });
});
