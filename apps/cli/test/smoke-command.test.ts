import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { parseReport } from './helpers/schemas.js';
import { closeServers, healthyService, refusedUrl, startServer } from './helpers/servers.js';
import { memoryIo } from './memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'n1v1-smoke-cli-'));
afterEach(() => closeServers());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

async function smoke(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo(env);
  const code = await main(['smoke', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('n1v1 smoke', () => {
  it('prints a table of passing checks and exits 0 for a healthy service', async () => {
    const url = await startServer(healthyService());
    const { code, out, err } = await smoke([`--url=${url}`]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(
      new RegExp(`^n1v1 smoke ${url}: PASS \\(5 passed, 0 failed, 0 skipped in [\\d.]+ m?s\\)\\n`),
    );
    for (const name of ['health', 'ready', 'status', 'trading', 'resources']) {
      expect(out).toMatch(new RegExp(`\\n  ${name} +pass +[\\d.]+ m?s\\n`));
    }
  });

  it('prints exactly one JSON document matching the shipped schema with --json', async () => {
    const url = await startServer(healthyService());
    const { code, out, err } = await smoke([`--url=${url}`, '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const report = parseReport(out);
    expect(report).toMatchObject({
      schemaVersion: 1,
      status: 'pass',
      target: url,
      summary: { total: 5, passed: 5 },
    });
  });

  it('reports an unreachable service as failed checks, still prints the report, and exits 1', async () => {
    const url = await refusedUrl();
    const { code, out, err } = await smoke([`--url=${url}`, '--json']);
    expect(code).toBe(1);
    expect(err).toBe('');
    const report = parseReport(out);
    expect(report.status).toBe('fail');
    expect(report.checks[0]!.error).toMatch(/connection refused/);
    const table = await smoke([`--url=${url}`]);
    expect(table.code).toBe(1);
    expect(table.out).toMatch(/: FAIL \(0 passed, 5 failed/);
    expect(table.out).toMatch(/\n {2}health +FAIL +\d+ ms {2}GET \/health: connection refused by/);
  });

  it('writes a JUnit file with one testcase per check and the failure reasons', async () => {
    const url = await startServer(
      healthyService({ '/ready': (_req, res) => res.writeHead(503).end('{"status":"fail"}') }),
    );
    const junit = join(dir, 'smoke.xml');
    const { code } = await smoke([
      `--url=${url}`,
      `--junit=${junit}`,
      '--load',
      '--duration=1s',
      '--connections=1',
    ]);
    expect(code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(suite.tests).toBe('6');
    expect(suite.failures).toBe('1');
    expect(suite.testcase.map((t: { name: string }) => t.name)).toEqual([
      'health',
      'ready',
      'status',
      'trading',
      'resources',
      'load',
    ]);
    const ready = suite.testcase[1];
    expect(ready.failure.message).toBe(
      'GET /ready: expected 2xx with status pass or warn, got HTTP 503 with status "fail"',
    );
    for (const testcase of suite.testcase) expect(Number(testcase.time)).toBeGreaterThanOrEqual(0);
  });

  it('runs the load check with --load and shows its figures', async () => {
    const url = await startServer(healthyService());
    const { code, out } = await smoke([
      `--url=${url}`,
      '--load',
      '--duration=1s',
      '--connections=2',
      '--max-p99=2000',
      '--max-error-rate=1%',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}load +pass/);
    expect(out).toMatch(/2 connections for [\d.]+ s on \/health: \d+ requests/);
    expect(out).toMatch(
      /latency {2}p50 [\d.]+ ms {2}p90 [\d.]+ ms {2}p99 [\d.]+ ms {2}p99\.9 [\d.]+ ms {2}max [\d.]+ ms/,
    );
    expect(out).toContain('pass     p99 <= 2000 ms');
    expect(out).toContain('pass     error rate <= 1.00% (got 0.00%)');
    const json = await smoke([`--url=${url}`, '--load', '--duration=1s', '--min-rps=1', '--json']);
    expect(parseReport(json.out).load!.thresholds.map((t: { name: string }) => t.name)).toEqual([
      'maxP99Ms',
      'maxErrorRate',
      'minRps',
    ]);
  });

  it('sends the token from N1V1_SMOKE_TOKEN and never prints it', async () => {
    const seen: string[] = [];
    const url = await startServer(
      healthyService({
        '/api/v1/status': (req, res) => {
          seen.push(String(req.headers.authorization));
          res.writeHead(403).end(`token ${req.headers.authorization} is not allowed`);
        },
      }),
    );
    const { code, out } = await smoke([`--url=${url}`, '--json', '--header', 'X-Env: staging'], {
      N1V1_SMOKE_TOKEN: 'env-token-5678',
    });
    expect(code).toBe(1);
    expect(seen).toEqual(['Bearer env-token-5678']);
    expect(out).not.toContain('env-token-5678');
    expect(parseReport(out).checks[2]!.error).toContain('"token *** is not allowed"');
    const flag = await smoke([`--url=${url}`, '--token=flag-token-1234'], {
      N1V1_SMOKE_TOKEN: 'env-token-5678',
    });
    expect(seen.at(-1)).toBe('Bearer flag-token-1234');
    expect(flag.out).not.toContain('flag-token-1234');
  });

  it('reads a config file that adds checks and skips others', async () => {
    const url = await startServer(
      healthyService({
        '/version': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"v":2}'),
      }),
    );
    const config = file(
      'ok.json',
      JSON.stringify({
        skip: ['resources'],
        checks: [{ name: 'version', path: '/version', expectJson: [{ path: 'v', equals: 2 }] }],
      }),
    );
    const { code, out } = await smoke([`--url=${url}`, `--config=${config}`, '--json']);
    expect(code).toBe(0);
    expect(
      parseReport(out).checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`),
    ).toEqual([
      'health:pass',
      'ready:pass',
      'status:pass',
      'trading:pass',
      'resources:skip',
      'version:pass',
    ]);
  });

  it('says on stderr that it waits, and reports the wait', async () => {
    const url = await startServer(healthyService());
    const { code, out, err } = await smoke([
      `--url=${url}`,
      '--wait=10s',
      '--timeout=2s',
      '--deadline=1m',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(err).toBe(`smoke: waiting up to 10 s for ${url} to answer /health\n`);
    expect(parseReport(out).waitedMs).toBeGreaterThanOrEqual(0);
  });
});

describe('n1v1 smoke usage and configuration errors exit 2 with one line', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      'a missing --url',
      [],
      /^n1v1: smoke: --url is required, e\.g\. --url=http:\/\/127\.0\.0\.1:8000\n$/,
    ],
    [
      'a URL that is not http(s)',
      ['--url=localhost:8000'],
      /^n1v1: "localhost:8000" is not an http\(s\) URL/,
    ],
    [
      'an unknown flag',
      ['--url=http://127.0.0.1:1', '--retries=3'],
      /^n1v1: smoke: unknown flag "--retries"/,
    ],
    [
      'a duration without a unit',
      ['--url=http://127.0.0.1:1', '--wait=30'],
      /^n1v1: smoke: --wait "30" needs a unit: write e\.g\. 500ms, 5s, 2m or 1m30s\n$/,
    ],
    [
      'a header without a colon',
      ['--url=http://127.0.0.1:1', '--header=NoColon'],
      /^n1v1: smoke: --header "NoColon" must look like "Name: value"\n$/,
    ],
    ['load flags without --load', ['--url=http://127.0.0.1:1', '--duration=5s'], /need --load\n$/],
    [
      'a CA file that does not exist',
      ['--url=https://127.0.0.1:1', '--ca=/nonexistent/ca.pem'],
      /^n1v1: smoke: --ca file \/nonexistent\/ca\.pem cannot be read/,
    ],
    [
      'a config file that does not exist',
      ['--url=http://127.0.0.1:1', '--config=/nonexistent/smoke.json'],
      /^n1v1: config file \/nonexistent\/smoke\.json not found\n$/,
    ],
    [
      'load limits out of bounds',
      ['--url=http://127.0.0.1:1', '--load', '--connections=5000'],
      /^n1v1: load connections must be a whole number from 1 to 1000, got 5000\n$/,
    ],
    [
      'a bad error rate',
      ['--url=http://127.0.0.1:1', '--load', '--max-error-rate=150%'],
      /--max-error-rate must be a fraction from 0 to 1 or a percentage/,
    ],
    [
      'a bad number',
      ['--url=http://127.0.0.1:1', '--load', '--connections=ten'],
      /^n1v1: smoke: --connections must be a number, got "ten"\n$/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`for ${what}`, async () => {
      const { code, out, err } = await smoke(args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    });
  }

  it('for a malformed header, without echoing what may be its secret', async () => {
    const { code, err } = await smoke([
      '--url=http://127.0.0.1:1',
      '--header',
      'Authorization Bearer s3cr3t-value',
    ]);
    expect(code).toBe(2);
    expect(err).toBe('n1v1: smoke: --header "Authorization" must look like "Name: value"\n');
  });

  it('for a config that breaks the schema, naming the field', async () => {
    const config = file(
      'bad.json',
      JSON.stringify({ checks: [{ name: 'x', path: '/x', expectStatus: 'ok' }] }),
    );
    const { code, err } = await smoke(['--url=http://127.0.0.1:1', `--config=${config}`]);
    expect(code).toBe(2);
    expect(err).toBe(
      `n1v1: ${config}: "checks[0].expectStatus" must be a status code or a list of status codes\n`,
    );
  });

  it('for a JUnit path that cannot be written, after printing the report', async () => {
    const url = await startServer(healthyService());
    const { code, out, err } = await smoke([`--url=${url}`, '--junit=/nonexistent/dir/smoke.xml']);
    expect(code).toBe(2);
    expect(out).toContain('PASS');
    expect(err).toBe(
      'n1v1: smoke: cannot write the JUnit report to /nonexistent/dir/smoke.xml (ENOENT)\n',
    );
  });
});

describe('n1v1 smoke under GitHub Actions', () => {
  it('annotates each failure and appends a Markdown summary', async () => {
    const summary = file('summary.md', '# earlier step\n');
    const url = await startServer(
      healthyService({ '/ready': (_req, res) => res.writeHead(500).end('database, down: 100%') }),
    );
    const { code, out } = await smoke([`--url=${url}`], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(code).toBe(1);
    expect(out).toContain(
      '::error title=smoke ready failed::GET /ready: expected 2xx with status pass or warn, got HTTP 500: "database, down: 100%25"\n',
    );
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### ❌ Smoke failed')).toBe(true);
    expect(md).toContain('| ready | ❌ fail |');
  });

  it('keeps the verdict when the summary file cannot be written, and says why', async () => {
    const url = await startServer(healthyService());
    const { code, err } = await smoke([`--url=${url}`], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: '/nonexistent/dir/summary.md',
    });
    expect(code).toBe(0);
    expect(err).toBe('n1v1: could not append to $GITHUB_STEP_SUMMARY (ENOENT)\n');
  });

  it('keeps stdout pure JSON by writing the annotations to stderr with --json', async () => {
    const url = await refusedUrl();
    const { out, err } = await smoke([`--url=${url}`, '--json'], { GITHUB_ACTIONS: 'true' });
    parseReport(out);
    expect(err.match(/^::error /gm)).toHaveLength(5);
  });

  it('caps the annotations at ten, the last one counting the rest', async () => {
    const url = await startServer(healthyService());
    const checks = Array.from({ length: 12 }, (_, i) => ({
      name: `missing-${i}`,
      path: `/missing/${i}`,
    }));
    const config = file('many.json', JSON.stringify({ checks }));
    const { out } = await smoke([`--url=${url}`, `--config=${config}`], { GITHUB_ACTIONS: 'true' });
    const annotations = out.split('\n').filter((line) => line.startsWith('::error'));
    expect(annotations).toHaveLength(10);
    expect(annotations[9]).toBe(
      '::error title=more failures::3 more checks failed; see the job summary or the report',
    );
  });
});
