import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanaryError } from '../canary-error.js';
import { loadCanaryConfig } from './load-config.js';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-config-'));
  writeFileSync(
    join(dir, 'n1v1.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  );
  return dir;
}

function failure(run: () => unknown): CanaryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CanaryError);
    expect((error as CanaryError).code).toBe('E_CONFIG_INVALID');
    return error as CanaryError;
  }
  throw new Error('expected E_CONFIG_INVALID');
}

describe('loadCanaryConfig', () => {
  it('gives a working local run with no config file at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'n1v1-empty-'));
    const config = loadCanaryConfig({ cwd: dir });
    expect(config).toMatchObject({
      env: 'staging',
      service: 'n1v1',
      stateDir: join(dir, '.n1v1'),
      autoPromote: false,
    });
    expect(config.deployer.type).toBe('local');
    expect(config.deployer).toEqual({ type: 'local', readyTimeoutSec: 30 });
    const named = loadCanaryConfig({ cwd: dir, localCommand: ['node', 'server.js'] });
    expect(named.deployer).toMatchObject({ type: 'local', command: ['node', 'server.js'] });
    expect(config.monitor).toEqual({
      durationSec: 60,
      intervalSec: 5,
      maxHealthFailures: 2,
      requestTimeoutMs: 2000,
      consecutiveErrorLimit: 4,
    });
    expect(config.analysis).toMatchObject({ warmupSec: 10, onInconclusive: 'rollback' });
    expect(config.traffic.enabled).toBe(true);
    expect(config.configPath).toBeUndefined();
  });

  it('layers the environment block and then the options over the defaults, key by key', () => {
    const dir = dirWith({
      service: 'trader',
      environments: {
        staging: {
          monitor: { durationSec: 30 },
          thresholds: { maxErrorRate: 0.02 },
          deployer: { type: 'local', env: { A: '1' } },
        },
      },
    });
    const config = loadCanaryConfig({
      cwd: dir,
      overrides: {
        monitor: { intervalSec: 2 },
        deployer: { type: 'local', env: { N1V1_ERROR_RATE: '0.05' } },
      },
    });
    expect(config.service).toBe('trader');
    expect(config.monitor).toMatchObject({ durationSec: 30, intervalSec: 2, maxHealthFailures: 2 });
    expect(config.thresholds).toMatchObject({ maxErrorRate: 0.02, maxP99Ms: 500 });
    expect(config.deployer).toMatchObject({
      type: 'local',
      env: { A: '1', N1V1_ERROR_RATE: '0.05' },
      readyTimeoutSec: 30,
    });
    expect(config.configPath).toBe(join(dir, 'n1v1.config.json'));
  });

  it('replaces the default deployer and metrics source whole when another type is chosen, and turns traffic off', () => {
    const dir = dirWith({
      environments: {
        production: {
          canaryUrl: 'https://canary.example.com',
          deployer: { type: 'command', deploy: './deploy.sh', rollback: ['./rollback.sh'] },
          metrics: {
            source: 'prometheus',
            url: 'http://127.0.0.1:9090',
            canarySelector: 'job="c"',
          },
        },
      },
    });
    const config = loadCanaryConfig({ cwd: dir, env: 'production' });
    expect(config.deployer).toEqual({
      type: 'command',
      deploy: './deploy.sh',
      rollback: ['./rollback.sh'],
    });
    expect(config.metrics).toMatchObject({
      source: 'prometheus',
      scrapeIntervalSec: 15,
      queries: [],
      excludeRoutes: ['/health', '/ready', '/metrics', '/api/v1/status'],
    });
    expect(config.traffic.enabled).toBe(false);
  });

  it('names the field of a schema error and the file it is in', () => {
    const badRegex = dirWith({
      environments: { staging: { metrics: { source: 'scrape', mapping: { errorStatus: '5(' } } } },
    });
    expect(() => loadCanaryConfig({ cwd: badRegex })).toThrow(
      'n1v1.config.json: environments.staging.metrics.mapping.errorStatus "5(" is not a valid regular expression; write one like "5.." or "5..|429"',
    );
    const dir = dirWith({ environments: { staging: { monitor: { intervalSec: 0 } } } });
    expect(failure(() => loadCanaryConfig({ cwd: dir })).message).toBe(
      'n1v1.config.json: environments.staging.monitor.intervalSec must be >= 0.5',
    );
  });

  it('names an unknown field, a missing required one, a wrong enum and a bad type', () => {
    const unknown = dirWith({ environments: { staging: { monitr: {} } } });
    expect(failure(() => loadCanaryConfig({ cwd: unknown })).message).toBe(
      'n1v1.config.json: environments.staging.monitr is not a known field; remove it or check its spelling',
    );
    const missing = dirWith({
      environments: { staging: { deployer: { type: 'command', deploy: 'x' } } },
    });
    expect(failure(() => loadCanaryConfig({ cwd: missing })).message).toBe(
      'n1v1.config.json: environments.staging.deployer.rollback is required',
    );
    const badEnum = dirWith({ environments: { staging: { metrics: { source: 'datadog' } } } });
    expect(failure(() => loadCanaryConfig({ cwd: badEnum })).message).toBe(
      'n1v1.config.json: environments.staging.metrics.source must be one of "scrape", "prometheus"',
    );
    const badType = dirWith({ environments: { staging: { autoPromote: 'yes' } } });
    expect(failure(() => loadCanaryConfig({ cwd: badType })).message).toBe(
      'n1v1.config.json: environments.staging.autoPromote must be boolean',
    );
    expect(failure(() => loadCanaryConfig({ cwd: dirWith({}) })).message).toBe(
      'n1v1.config.json: environments is required',
    );
  });

  it('reads sub-intervals 4 times an interval by default, and names a bad readsPerInterval', () => {
    const dir = mkdtempSync(join(tmpdir(), 'n1v1-empty-'));
    expect(loadCanaryConfig({ cwd: dir }).metrics).toMatchObject({ readsPerInterval: 4 });
    for (const [reads, problem] of [
      [0, 'must be >= 1'],
      [2.5, 'must be integer'],
      [11, 'must be <= 10'],
    ] as const) {
      const bad = dirWith({
        environments: { staging: { metrics: { source: 'scrape', readsPerInterval: reads } } },
      });
      expect(failure(() => loadCanaryConfig({ cwd: bad })).message).toBe(
        `n1v1.config.json: environments.staging.metrics.readsPerInterval ${problem}`,
      );
    }
    const prometheus = dirWith({
      environments: {
        staging: {
          metrics: {
            source: 'prometheus',
            url: 'http://127.0.0.1:9090',
            canarySelector: 'job="c"',
            readsPerInterval: 4,
          },
        },
      },
    });
    expect(failure(() => loadCanaryConfig({ cwd: prometheus })).message).toBe(
      'n1v1.config.json: environments.staging.metrics.readsPerInterval is not a known field; remove it or check its spelling',
    );
  });

  it('names a bad option given programmatically or as a flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'n1v1-empty-'));
    expect(
      failure(() => loadCanaryConfig({ cwd: dir, overrides: { traffic: { ratePerSec: 1000 } } }))
        .message,
    ).toBe('options: traffic.ratePerSec must be <= 200');
    expect(
      failure(() => loadCanaryConfig({ cwd: dir, overrides: { canaryUrl: 'ftp://x' } })).message,
    ).toMatch(/^options: canaryUrl has an invalid format/);
  });

  it('says when the file is not JSON, is missing, or has no block for the environment', () => {
    expect(failure(() => loadCanaryConfig({ cwd: dirWith('{ nope') })).message).toMatch(
      /^n1v1\.config\.json is not valid JSON: /,
    );
    expect(
      failure(() => loadCanaryConfig({ cwd: tmpdir(), path: 'missing-n1v1.json' })).message,
    ).toMatch(/^config file .*missing-n1v1\.json does not exist; check --config$/);
    const dir = dirWith({ environments: { staging: {} } });
    expect(failure(() => loadCanaryConfig({ cwd: dir, env: 'prod' })).message).toBe(
      'n1v1.config.json: environments.prod is not defined (known: staging); add it or pass --env',
    );
  });
});
