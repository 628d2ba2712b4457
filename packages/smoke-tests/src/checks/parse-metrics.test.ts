import { describe, expect, it } from 'vitest';
import { readSamples } from './parse-metrics.js';

const exposition = `# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 52428800
process_cpu_seconds_total{service="orders"} 1.25 1700000000000
nodejs_eventloop_lag_p99_seconds 0.012
nodejs_eventloop_lag_p99_seconds{again="yes"} 9
weird_metric NaN
http_requests_total{method="GET",route="/health",status_code="200"} 3
`;

describe('readSamples', () => {
  it('reads the first sample of each wanted metric, labels and timestamps ignored', () => {
    const samples = readSamples(exposition, [
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_p99_seconds',
    ]);
    expect(Object.fromEntries(samples)).toEqual({
      process_resident_memory_bytes: 52428800,
      process_cpu_seconds_total: 1.25,
      nodejs_eventloop_lag_p99_seconds: 0.012,
    });
  });

  it('skips metrics that are absent or not numbers', () => {
    expect(readSamples(exposition, ['weird_metric', 'absent']).size).toBe(0);
    expect(readSamples('', ['process_resident_memory_bytes']).size).toBe(0);
  });
});
