import { describe, expect, it } from 'vitest';
import { checkMetricsContract, pickProblem } from './metrics-contract.js';
import { METRIC_PRESETS } from './presets.js';

const mapping = METRIC_PRESETS['health-server'];
const counter = { name: 'http_requests_total', labels: { status_code: '200' } };

describe('checkMetricsContract', () => {
  it('names a missing histogram and the histograms it found instead', () => {
    const found = checkMetricsContract(
      [counter, { name: 'myapp_latency_ms_bucket', labels: { le: '10' } }],
      mapping,
      'the canary',
    );
    expect(found).toEqual({
      problem:
        'metrics contract: the canary has no latency histogram http_request_duration_seconds_bucket; set metrics.mapping.latencyHistogram (and latencyUnit) to its histogram (found myapp_latency_ms)',
      definitive: true,
    });
  });

  it('asks for the status label when no label of the counter holds a status', () => {
    const found = checkMetricsContract(
      [{ name: 'http_requests_total', labels: { status_code: 'OK' } }],
      mapping,
      'the canary',
    );
    expect(found?.problem).toMatch(
      /without a readable status in label status_code \(value "OK"\); set metrics.mapping.statusLabel to the label that holds the HTTP status/,
    );
  });

  it('waits for a counter that does not exist yet, and prefers a definitive problem', () => {
    const pending = checkMetricsContract(
      [{ name: 'myapp_requests_total', labels: {} }],
      mapping,
      'the canary',
    );
    expect(pending).toMatchObject({ definitive: false });
    expect(pending?.problem).toMatch(/\(found myapp_requests_total\)$/);
    const definitive = { problem: 'x', definitive: true };
    expect(pickProblem([null, pending, definitive])).toBe(definitive);
    expect(pickProblem([undefined, null])).toBeNull();
    expect(
      checkMetricsContract(
        [counter, { name: 'http_request_duration_seconds_bucket', labels: { le: '1' } }],
        mapping,
        'x',
      ),
    ).toBeNull();
  });
});
