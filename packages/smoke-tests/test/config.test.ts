import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSmokeConfig, type SmokeConfig, validateConfig } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'smoke-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function problem(config: unknown): Promise<string> {
  try {
    await validateConfig(config, 'smoke.json');
  } catch (error) {
    expect(error).toMatchObject({ code: 'E_CONFIG_INVALID' });
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

const full: SmokeConfig = {
  $schema: './node_modules/@n1v1/smoke-tests/schema/config.schema.json',
  timeoutMs: 3000,
  maxBodyBytes: 2 * 1024 * 1024,
  headers: { 'X-Team': 'ops' },
  skip: ['resources'],
  health: { path: '/livez', maxLatencyMs: 200 },
  ready: { path: '/readyz' },
  status: { maxLatencyMs: 500 },
  trading: {
    requireEnabled: true,
    maxMarketDataAgeMs: 10_000,
    probe: {
      method: 'POST',
      path: '/api/v1/orders/validate',
      body: { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 0.01 },
      expectStatus: 200,
      expectJson: [{ path: 'valid', equals: true }],
    },
  },
  resources: { maxRssMiB: 512, maxEventLoopLagMs: 100, maxCpuPercent: 80, sampleMs: 250 },
  load: {
    path: '/health',
    durationSec: 5,
    connections: 20,
    maxP99Ms: 250,
    maxErrorRate: 0.001,
    minRps: 100,
  },
  checks: [
    {
      name: 'ticker',
      path: '/api/v1/ticker/BTC-USD',
      expectStatus: [200],
      expectJson: [{ path: 'price', gt: 0 }],
      maxLatencyMs: 300,
    },
  ],
};

describe('loadSmokeConfig', () => {
  it('reads a config that uses every field', async () => {
    expect(await loadSmokeConfig(file('full.json', JSON.stringify(full)))).toEqual(full);
  });

  it('says when the file is missing or unreadable', async () => {
    await expect(loadSmokeConfig(join(dir, 'absent.json'))).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: `config file ${join(dir, 'absent.json')} not found`,
    });
    await expect(loadSmokeConfig(dir)).rejects.toThrow(/not readable \(EISDIR\)$/);
  });

  it('points at the line and column of a JSON syntax error', async () => {
    const path = file('broken.json', '{\n  "timeoutMs": 10,\n}\n');
    await expect(loadSmokeConfig(path)).rejects.toThrow(
      `config file ${path} is not valid JSON: Expected double-quoted property name at line 3, column 1`,
    );
  });

  it('does not quote the file in a syntax error, since it may hold a secret', async () => {
    const path = file('secret.json', '{"headers": {"authorization": "Bearer sup3rs3cret"}');
    const message = await loadSmokeConfig(path).catch((e: Error) => e.message);
    expect(message).toMatch(/is not valid JSON/);
    expect(message).not.toContain('sup3rs3cret');
    const unquoted = file('token.json', '{"a": sup3rs3cret}');
    expect(await loadSmokeConfig(unquoted).catch((e: Error) => e.message)).not.toContain(
      'sup3rs3cret',
    );
  });
});

describe('validateConfig names the field that is wrong', () => {
  it('for an unknown field, also deep inside', async () => {
    expect(await problem({ timeout: 5 })).toBe('smoke.json: unknown field "timeout"');
    expect(await problem({ checks: [{ name: 'a', path: '/a', expectStatuss: 200 }] })).toBe(
      'smoke.json: unknown field "checks[0].expectStatuss"',
    );
  });

  it('for a missing field, a wrong type and a value out of range', async () => {
    expect(await problem({ checks: [{ name: 'a' }] })).toBe(
      'smoke.json: missing field "checks[0].path"',
    );
    expect(await problem({ timeoutMs: '5s' })).toBe('smoke.json: "timeoutMs" must be integer');
    expect(await problem({ load: { connections: 5000 } })).toBe(
      'smoke.json: "load.connections" must be <= 1000',
    );
    expect(await problem([])).toBe('smoke.json: "(root)" must be object');
  });

  it('for a value that fits none of the allowed forms', async () => {
    expect(await problem({ checks: [{ name: 'a', path: '/a', expectStatus: 'ok' }] })).toBe(
      'smoke.json: "checks[0].expectStatus" must be a status code or a list of status codes',
    );
  });

  it('for a name outside a list of choices', async () => {
    expect(await problem({ skip: ['helth'] })).toBe(
      'smoke.json: "skip[0]" must be one of "health", "ready", "status", "trading", "resources", "load"',
    );
  });

  it('for an invalid header name and a bad path', async () => {
    expect(await problem({ headers: { 'bad header': 'x' } })).toBe(
      'smoke.json: "headers" has an invalid name "bad header"',
    );
    expect(await problem({ health: { path: 'health' } })).toBe(
      'smoke.json: "health.path" must match pattern "^/"',
    );
  });

  it('for a check named load or like an earlier check (a built-in name replaces that check)', async () => {
    expect(await problem({ checks: [{ name: 'load', path: '/h' }] })).toBe(
      'smoke.json: "checks[0].name" is "load", the name of the load check; choose another',
    );
    expect(
      await problem({
        checks: [
          { name: 'a', path: '/a' },
          { name: 'a', path: '/b' },
        ],
      }),
    ).toBe('smoke.json: "checks[1].name" is "a", the name of an earlier check; choose another');
  });

  it('for a regular expression that does not compile', async () => {
    expect(
      await problem({
        checks: [{ name: 'a', path: '/a', expectJson: [{ path: 'x', matches: '(' }] }],
      }),
    ).toBe('smoke.json: "checks[0].expectJson[0].matches" is not a valid regular expression');
  });
});

describe('validateConfig never lets a smoke run place an order by accident', () => {
  it('refuses a probe or check that writes to an orders path', async () => {
    expect(await problem({ trading: { probe: { method: 'POST', path: '/api/v1/orders' } } })).toBe(
      'smoke.json: "trading.probe" (POST /api/v1/orders) could place a real order; probe a side-effect-free endpoint such as POST /api/v1/orders/validate, or set "trading.allowOrders": true to place orders on purpose',
    );
    expect(
      await problem({ checks: [{ name: 'cancel', method: 'DELETE', path: '/api/v1/orders/42' }] }),
    ).toMatch(/"checks\[0\]" \(DELETE \/api\/v1\/orders\/42\) could place a real order/);
  });

  it('allows reads, the validation endpoint, and orders when explicitly allowed', async () => {
    await expect(
      validateConfig({ trading: { probe: { method: 'POST', path: '/api/v1/orders/validate/' } } }),
    ).resolves.toBeTruthy();
    await expect(
      validateConfig({ checks: [{ name: 'o', path: '/api/v1/orders/42' }] }),
    ).resolves.toBeTruthy();
    await expect(
      validateConfig({
        trading: { allowOrders: true, probe: { method: 'POST', path: '/api/v1/orders' } },
      }),
    ).resolves.toBeTruthy();
  });
});
