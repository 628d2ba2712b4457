import { describe, expect, it } from 'vitest';
import { boundsOf, indexOf, LatencyHistogram } from './latency-histogram.js';

/** The percentile by sorting: what the histogram approximates. */
function exactPercentile(values: number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length - 1e-9)) - 1]!;
}

describe('LatencyHistogram', () => {
  it('reports sub-millisecond percentiles to the microsecond', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(0.2 + i / 1_000_000);
    expect(h.count).toBe(1000);
    // Within a tenth of a microsecond.
    expect(Math.abs(h.percentileMs(50) - 0.2005)).toBeLessThan(0.0001);
    expect(Math.abs(h.percentileMs(99) - 0.20099)).toBeLessThan(0.0001);
    expect(h.maxMs).toBe(0.201);
  });

  it('stays within 0.05 % of the exact percentile from nanoseconds to minutes', () => {
    // A deterministic spread over eleven orders of magnitude (xorshift, fixed seed).
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const values = Array.from({ length: 20_000 }, () => 10 ** (next() * 11 - 6));
    const h = new LatencyHistogram();
    for (const v of values) h.record(v);
    for (const p of [0, 1, 10, 50, 90, 99, 99.9, 99.99, 100]) {
      const exact = exactPercentile(values, p);
      expect(Math.abs(h.percentileMs(p) - exact)).toBeLessThanOrEqual(exact * 0.0005 + 1e-6);
    }
    expect(h.maxMs).toBeCloseTo(Math.max(...values), 6);
  });

  it('takes the rank the way HdrHistogram does: p50 of 1..4 is 2, p99.9 of 1000 values the 999th', () => {
    const h = new LatencyHistogram();
    for (const v of [4, 1, 3, 2]) h.record(v);
    expect(Math.abs(h.percentileMs(50) - 2)).toBeLessThan(2 * 0.0005);
    expect(Math.abs(h.percentileMs(75) - 3)).toBeLessThan(3 * 0.0005);
    expect(h.percentileMs(100)).toBe(4);
    const many = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) many.record(i / 1000);
    expect(Math.abs(many.percentileMs(99.9) - 0.999)).toBeLessThan(0.999 * 0.0005);
    expect(Math.abs(many.percentileMs(99.8) - 0.998)).toBeLessThan(0.998 * 0.0005);
  });

  it('never reports a percentile above the largest value recorded', () => {
    const h = new LatencyHistogram();
    h.record(1234.5678);
    expect(h.percentileMs(50)).toBe(1234.5678);
    expect(h.percentileMs(99.9)).toBe(1234.5678);
  });

  it('is all zeros when nothing was recorded, and ignores values that are not latencies', () => {
    const h = new LatencyHistogram();
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) h.record(bad);
    expect(h.count).toBe(0);
    expect(h.percentileMs(99)).toBe(0);
    expect(h.maxMs).toBe(0);
    h.record(0);
    expect(h.percentileMs(50)).toBe(0);
  });
});

describe('the bucket layout', () => {
  it('puts every value in the bucket whose bounds hold it, across powers of two', () => {
    for (const ns of [
      0,
      1,
      2047,
      2048,
      2049,
      4095,
      4096,
      1_000_000,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 33 - 1,
      2 ** 33,
      3e11,
    ]) {
      const { lowestNs, widthNs } = boundsOf(indexOf(ns));
      expect(ns).toBeGreaterThanOrEqual(lowestNs);
      expect(ns).toBeLessThan(lowestNs + widthNs);
      expect(widthNs).toBeLessThanOrEqual(Math.max(1, ns / 1024));
    }
  });

  it('numbers the buckets without gaps or overlaps', () => {
    for (let index = 2040; index < 6000; index++) {
      const here = boundsOf(index);
      const after = boundsOf(index + 1);
      expect(after.lowestNs).toBe(here.lowestNs + here.widthNs);
      expect(indexOf(here.lowestNs)).toBe(index);
    }
  });
});
