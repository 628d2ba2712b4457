import { describe, expect, it } from 'vitest';
import type { EnvironmentOverrides } from './config-types.js';
import { loadCanaryConfig } from './load-config.js';

const load = (overrides: EnvironmentOverrides) =>
  loadCanaryConfig({ cwd: '/nonexistent-n1v1-dir', overrides });

describe('steps and router in the config', () => {
  it('accept weighted steps with a router', () => {
    const config = load({
      router: { type: 'haproxy' },
      steps: [{ weight: 5, holdSec: 30, match: { cookie: { name: 'canary', value: 'always' } } }],
    });
    expect(config.steps).toHaveLength(1);
    expect(config.router).toEqual({ type: 'haproxy' });
  });

  it.each([
    [{ steps: [{ weight: 5, holdSec: 30 }] }, 'options.steps need a router'],
    [
      { router: { type: 'haproxy' as const }, steps: [{ weight: 150, holdSec: 30 }] },
      'options: steps.0.weight must be <= 100',
    ],
    [
      {
        router: { type: 'gateway-api' as const },
        steps: [{ weight: 5, holdSec: 30, match: { cookie: { name: 'c', value: 'v' } } }],
      },
      'options.steps[0].match.cookie: an HTTPRoute matches headers, not cookies',
    ],
    [
      {
        router: { type: 'nginx-ingress' as const },
        steps: [{ weight: 5, holdSec: 30, match: { cookie: { name: 'c', value: 'v' } } }],
      },
      'options.steps[0].match.cookie.value must be "always" with nginx-ingress',
    ],
    [
      {
        router: { type: 'command' as const, command: 'true' },
        steps: [
          {
            weight: 5,
            holdSec: 30,
            match: { cookie: { name: 'c', value: 'v' }, header: { name: 'h', value: 'v' } },
          },
        ],
      },
      'options.steps[0].match has both a header and a cookie',
    ],
    [
      {
        router: { type: 'haproxy' as const },
        steps: [{ weight: 5, holdSec: 30, match: { header: { name: 'x', value: 'a b' } } }],
      },
      'steps.0.match.header.value has an invalid format',
    ],
  ])('reject %j', (overrides, message) => {
    expect(() => load(overrides)).toThrow(message);
  });

  it('let options replace a router of another type whole', () => {
    const config = loadCanaryConfig({
      cwd: '/nonexistent-n1v1-dir',
      overrides: { router: { type: 'command', command: ['./set-weight.sh'] } },
    });
    expect(config.router).toEqual({ type: 'command', command: ['./set-weight.sh'] });
  });
});
