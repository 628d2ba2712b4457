import { describe, expect, it } from 'vitest';
import { describeFlushReport } from './describe-flush-report.js';

describe('describeFlushReport', () => {
  it('summarises a clean flush in one line', () => {
    expect(
      describeFlushReport({
        ok: true,
        delivered: 1,
        undelivered: 0,
        timedOut: false,
        durationMs: 12,
        failures: [],
      }),
    ).toEqual(['delivered 1 event in 12 ms']);
  });

  it('lists every event that missed a sink, and the deadline when it passed', () => {
    expect(
      describeFlushReport({
        ok: false,
        delivered: 1,
        undelivered: 1,
        timedOut: true,
        durationMs: 5000,
        failures: [
          {
            id: 2,
            type: 'deploy.failed',
            sink: 'discord webhook 1 (discord.com)',
            status: 'abandoned',
            error: 'deadline passed',
          },
        ],
      }),
    ).toEqual([
      '1 of 2 events not delivered (the flush deadline passed)',
      '  #2 deploy.failed -> discord webhook 1 (discord.com): abandoned: deadline passed',
    ]);
  });
});
