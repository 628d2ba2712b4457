import { describe, expect, it } from 'vitest';
import { checkMetricsContract, pickProblem, type SeriesInfo } from './metrics-contract.js';
import { METRIC_PRESETS } from './presets.js';

const mapping = METRIC_PRESETS['health-server'];

const counter = (labels: Record<string, string>): SeriesInfo => ({
  name: 'http_requests_total',
  labels,
});
const bucket = (name = 'http_request_duration_seconds_bucket'): SeriesInfo => ({
  name,
  labels: { le: '0.1' },
});

describe('checkMetricsContract', () => {
  it('accepts a side that has the counter with a readable status and the histogram', () => {
    expect(
      checkMetricsContract([counter({ status_code: '200' }), bucket()], mapping, 'the canary'),
    ).toBeNull();
  });

  it('says a side without any series has no counter yet, and that more data may still fix it', () => {
    const found = checkMetricsContract([], mapping, 'the canary');
    expect(found?.problem).toMatch(
      /^metrics contract: the canary has no http_requests_total series; set metrics\.preset \(/,
    );
    expect(found?.definitive).toBe(false);
  });

  it('names request-like counters it found when no preset matches', () => {
    const found = checkMetricsContract(
      [{ name: 'myapp_requests_count', labels: {} }],
      mapping,
      'the baseline',
    );
    expect(found?.problem).toContain('(found myapp_requests_count)');
    expect(found?.definitive).toBe(false);
  });

  it('recognises another preset’s series and tells the user to set that preset', () => {
    const found = checkMetricsContract(
      [{ name: 'istio_requests_total', labels: { response_code: '200' } }],
      mapping,
      'the canary',
    );
    expect(found?.problem).toContain('as istio exposes it): set metrics.preset to "istio"');
    expect(found?.definitive).toBe(true);
  });

  it('points at the label that holds the status when the mapped status label is missing', () => {
    const found = checkMetricsContract([counter({ code: '503' }), bucket()], mapping, 'the canary');
    expect(found?.problem).toContain('without a readable status in label status_code');
    expect(found?.problem).toContain('set metrics.mapping.statusLabel to "code"');
    expect(found?.definitive).toBe(true);
  });

  it('quotes the unreadable status value and asks for the right label when none looks like a status', () => {
    const found = checkMetricsContract(
      [counter({ status_code: 'ok' }), bucket()],
      mapping,
      'the canary',
    );
    expect(found?.problem).toContain('(value "ok")');
    expect(found?.problem).toContain(
      'set metrics.mapping.statusLabel to the label that holds the HTTP status',
    );
  });

  it('asks for the latency histogram when it is missing, naming the histograms it saw', () => {
    const found = checkMetricsContract(
      [counter({ status_code: '200' }), bucket('rpc_latency_seconds_bucket')],
      mapping,
      'the canary',
    );
    expect(found?.problem).toContain(
      'has no latency histogram http_request_duration_seconds_bucket',
    );
    expect(found?.problem).toContain('(found rpc_latency_seconds)');
    expect(found?.definitive).toBe(true);
  });

  it('asks for the latency histogram without a hint when there is no histogram at all', () => {
    const found = checkMetricsContract([counter({ status_code: '200' })], mapping, 'the canary');
    expect(found?.problem).toMatch(
      /set metrics\.mapping\.latencyHistogram \(and latencyUnit\) to its histogram$/,
    );
  });
});

describe('pickProblem', () => {
  it('prefers a definitive problem over one that more data could fix', () => {
    const waiting = { problem: 'no series yet', definitive: false };
    const wrong = { problem: 'wrong label', definitive: true };
    expect(pickProblem([waiting, null, wrong])).toBe(wrong);
    expect(pickProblem([undefined, waiting])).toBe(waiting);
    expect(pickProblem([null, undefined])).toBeNull();
  });
});
