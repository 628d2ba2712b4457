import type { SmokeReport } from '../../smoke-types.js';

/** A failed report with every kind of check result, for the renderer tests. */
export const failingReport: SmokeReport = {
  schemaVersion: 1,
  status: 'fail',
  profile: 'n1v1',
  target: 'http://127.0.0.1:8000',
  startedAt: '2025-03-01T12:00:00.000Z',
  durationMs: 1234,
  waitedMs: 1200,
  summary: { total: 4, passed: 1, failed: 2, skipped: 1 },
  checks: [
    { name: 'health', status: 'pass', durationMs: 12.4 },
    {
      name: 'ready',
      status: 'fail',
      durationMs: 8,
      error:
        'GET /ready: expected 2xx with status pass or warn, got HTTP 503 with status "fail" (failing: exchange:connectivity)',
      details: { httpStatus: 503 },
    },
    {
      name: 'resources',
      status: 'skip',
      durationMs: 0,
      error: 'GET /metrics answered 404: the service exposes no metrics',
    },
    {
      name: 'quote <&> "check"',
      status: 'fail',
      durationMs: 1500,
      error: 'expected <b> & "quotes" \'here\'',
    },
  ],
};
