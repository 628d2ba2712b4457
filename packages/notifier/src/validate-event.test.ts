import { describe, expect, it } from 'vitest';
import { eventProblems, validateEventOrReason } from './validate-event.js';

const good = {
  type: 'deploy.started',
  service: 'n1v1',
  environment: 'staging',
  version: '1.4.2',
  runId: '7',
};

describe('eventProblems', () => {
  it('accepts a complete event', () => {
    expect(
      eventProblems({
        ...good,
        reason: 'r',
        message: 'm',
        url: 'https://ci/1',
        durationMs: 0,
        timestamp: '2025-05-01T10:00:00Z',
        details: { a: 1, b: 'x', c: true },
      }),
    ).toEqual([]);
    expect(validateEventOrReason(good)).toBeUndefined();
  });

  it('names every wrong field', () => {
    expect(
      eventProblems({
        type: 'deploy.exploded',
        service: '',
        environment: 1,
        runId: ' ',
        reason: 3,
        durationMs: -1,
        timestamp: 'yesterday',
        details: { a: { b: 1 } },
      }),
    ).toEqual([
      'type must be one of deploy.started, deploy.succeeded, deploy.failed, rollback.started, rollback.completed, rollback.failed, info',
      'service must be a non-empty string',
      'environment must be a non-empty string',
      'version must be a non-empty string',
      'runId must be a non-empty string',
      'reason must be a string',
      'durationMs must be a number of milliseconds >= 0',
      'timestamp must be an ISO 8601 date',
      'details must map names to strings, numbers or booleans',
    ]);
  });

  it('rejects what is not an object, and says so in one line', () => {
    expect(eventProblems(null)).toEqual(['the event must be an object']);
    expect(validateEventOrReason('deploy')).toBe('event rejected: the event must be an object');
    expect(eventProblems({ ...good, details: [1] })).toEqual([
      'details must map names to strings, numbers or booleans',
    ]);
  });
});
