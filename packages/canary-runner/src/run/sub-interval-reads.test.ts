import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { loadCanaryConfig } from '../config/load-config.js';
import { readsPerInterval } from './sub-interval-reads.js';

const config = (overrides: NonNullable<Parameters<typeof loadCanaryConfig>[0]>['overrides'] = {}) =>
  loadCanaryConfig({ cwd: mkdtempSync(join(tmpdir(), 'n1v1-reads-')), overrides });
const history = (intervals: number) => ({
  intervals: Array.from({ length: intervals }, () => ({ requests: 1, errors: 0, latency: [] })),
  detail: '',
});

describe('readsPerInterval', () => {
  it("reads sub-intervals while the scrape source's history is short of the look-back", () => {
    const scrape = config({ analysis: { baselineHistorySec: 60 } });
    expect(readsPerInterval(scrape, history(0))).toBe(4);
    expect(readsPerInterval(scrape, history(11))).toBe(4);
    expect(readsPerInterval(scrape, history(12))).toBe(1);
  });

  it('reads at most as many as fit 1.25 s apart in the interval (a /metrics cache of 1 s)', () => {
    const at = (intervalSec: number) => config({ monitor: { intervalSec } });
    expect(readsPerInterval(at(2), history(0))).toBe(1);
    expect(readsPerInterval(at(2.5), history(0))).toBe(2);
    expect(readsPerInterval(at(30), history(0))).toBe(4);
  });

  it('reads them on every run without a look-back, never with Prometheus, and not when set to 1', () => {
    expect(readsPerInterval(config({ analysis: { baselineHistorySec: 0 } }), history(500))).toBe(4);
    const off = config({ metrics: { source: 'scrape', readsPerInterval: 1 } as never });
    expect(readsPerInterval(off, history(0))).toBe(1);
    const prometheus = {
      ...config(),
      metrics: { source: 'prometheus' },
    } as unknown as ResolvedCanaryConfig;
    expect(readsPerInterval(prometheus, history(0))).toBe(1);
  });
});
