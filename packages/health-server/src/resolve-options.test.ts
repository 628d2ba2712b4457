import { describe, expect, it } from 'vitest';
import type { HealthOptions } from './health-options.js';
import { DEFAULT_BUCKETS, resolveOptions } from './resolve-options.js';

const base: HealthOptions = { service: 'n1v1', version: '1.4.2', releaseId: 'abc123' };

describe('resolveOptions', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveOptions({ ...base, environment: 'staging' });
    expect(resolved).toMatchObject({
      environment: 'staging',
      serviceId: 'n1v1',
      startup: 'first-pass',
      trustedAddresses: [],
      metricsCacheMs: 1000,
      defaultMetrics: true,
      maxRouteLabels: 200,
      buckets: DEFAULT_BUCKETS,
      timeoutMs: 1000,
      cacheMs: 1000,
      statusTimeoutMs: 1000,
      paths: { health: '/health', ready: '/ready', metrics: '/metrics', status: '/api/v1/status' },
    });
    expect(resolved.detailsToken).toBeUndefined();
  });

  it('counts the tokens among the secrets to redact', () => {
    const resolved = resolveOptions({
      ...base,
      details: { token: 'd-token' },
      metrics: { token: 'm-token' },
      secrets: ['s'],
    });
    expect(resolved.secrets).toEqual(['s', 'd-token', 'm-token']);
  });

  it.each([
    [
      { version: '' },
      'createHealth: "version" must be a non-empty string (got ""); pass e.g. "1.4.2"',
    ],
    [
      { releaseId: undefined },
      'createHealth: "releaseId" must be a non-empty string (got undefined)',
    ],
    [{ service: 42 }, 'createHealth: "service" must be a non-empty string (got 42)'],
    [
      { startup: 'eager' },
      'createHealth: "startup" must be "first-pass" or "manual" (got "eager")',
    ],
    [
      { checkDefaults: { timeoutMs: 0 } },
      'createHealth: "checkDefaults.timeoutMs" must be a number from 1 to',
    ],
    [{ metrics: { maxRouteLabels: Number.NaN } }, '"metrics.maxRouteLabels" must be a number'],
    [{ metrics: { buckets: [1, 0.5] } }, '"metrics.buckets" must be increasing positive numbers'],
    [{ paths: { health: 'health' } }, '"paths.health" must be a path such as "/health"'],
    [{ paths: { ready: '/ready/' } }, 'without a trailing slash'],
    [{ paths: { ready: '/health' } }, 'the four "paths" must differ'],
    [{ details: { token: '' } }, '"details.token" must be a non-empty string'],
    [{ description: {} }, '"description" must be a non-empty string (got an object)'],
  ])('rejects %j with a one-line message', (overrides, message) => {
    expect(() => resolveOptions({ ...base, ...(overrides as object) } as HealthOptions)).toThrow(
      message,
    );
    try {
      resolveOptions({ ...base, ...(overrides as object) } as HealthOptions);
    } catch (error) {
      expect((error as { code?: string }).code).toBe('E_CONFIG_INVALID');
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('rejects a missing options object', () => {
    expect(() => resolveOptions(undefined as unknown as HealthOptions)).toThrow(
      'createHealth: pass an options object',
    );
  });
});
