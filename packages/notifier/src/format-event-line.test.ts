import { describe, expect, it } from 'vitest';
import { formatEventLine } from './format-event-line.js';

describe('formatEventLine', () => {
  it('puts every part of an event on one redacted line', () => {
    expect(
      formatEventLine({
        type: 'rollback.completed',
        service: 'n1v1',
        environment: 'staging',
        version: '1.4.2',
        runId: '42',
        durationMs: 12_300,
        reason: 'p99 latency\n900 ms > 500 ms',
        message: 'rolled back to 1.4.1',
        details: { canaryPods: 1, healthy: false },
        url: 'https://ci.example/run/42?token=abc',
        timestamp: '2025-05-01T10:00:00.000Z',
      }),
    ).toBe(
      '2025-05-01T10:00:00.000Z rollback.completed Rollback completed: n1v1 1.4.2 on staging · run 42 · took 12.3 s · ' +
        'reason: p99 latency 900 ms > 500 ms · rolled back to 1.4.1 · canaryPods=1 · healthy=false · https://ci.example/run/42?token=***',
    );
  });

  it('stamps the current time when the event has none', () => {
    const line = formatEventLine({
      type: 'info',
      service: 's',
      environment: 'e',
      version: 'v',
      runId: 'r',
    });
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z info Info: s v on e · run r$/);
  });
});
