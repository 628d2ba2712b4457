import { describe, expect, it } from 'vitest';
import { NotifierError } from '../notifier-error.js';
import { consoleSink } from './console-sink.js';

const event = {
  type: 'deploy.succeeded',
  service: 'n1v1',
  environment: 'prod',
  version: '2.0.0',
  runId: '9',
  timestamp: '2025-05-01T10:00:00.000Z',
} as const;

describe('consoleSink', () => {
  it('writes one line per event to the stream it is given', async () => {
    let text = '';
    const sink = consoleSink({ stream: { write: (chunk: string) => (text += chunk) } });
    const signal = new AbortController().signal;
    expect(await sink.deliver(event, { signal })).toEqual({ status: 'delivered', attempts: 1 });
    expect(await sink.deliver({ ...event, runId: '10' }, { signal })).toEqual({
      status: 'delivered',
      attempts: 1,
    });
    expect(text.split('\n')).toEqual([
      '2025-05-01T10:00:00.000Z deploy.succeeded Deploy succeeded: n1v1 2.0.0 on prod · run 9',
      '2025-05-01T10:00:00.000Z deploy.succeeded Deploy succeeded: n1v1 2.0.0 on prod · run 10',
      '',
    ]);
    expect(sink.describe()).toBe('console (stream)');
    expect(consoleSink().describe()).toBe('console (stderr)');
  });

  it('reports a stream that throws as failed, redacted', async () => {
    const sink = consoleSink({
      stream: {
        write: () => {
          throw new Error('EPIPE writing Bearer abcdefgh12345678');
        },
      },
    });
    expect(await sink.deliver(event, { signal: new AbortController().signal })).toEqual({
      status: 'failed',
      attempts: 1,
      error: 'could not write: EPIPE writing Bearer ***',
    });
  });

  it('refuses a stream without write()', () => {
    expect(() => consoleSink({ stream: {} as never })).toThrow(NotifierError);
  });
});
