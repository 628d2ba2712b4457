import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { SmokeReport } from '../smoke-types.js';
import { failingReport } from './__fixtures__/failing-report.js';
import { passingLoad } from './__fixtures__/passing-load.js';
import { renderJUnit } from './render-junit.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'testcase' || name === 'property',
});

function parse(report: SmokeReport) {
  const xml = renderJUnit(report);
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
}

describe('renderJUnit', () => {
  it('writes one testsuite with one testcase per check and the counts', () => {
    const suites = parse(failingReport);
    expect(suites).toMatchObject({
      name: 'n1v1 smoke',
      tests: '4',
      failures: '2',
      errors: '0',
      skipped: '1',
      time: '1.234',
    });
    const suite = suites.testsuite;
    expect(suite).toMatchObject({
      name: 'n1v1 smoke http://127.0.0.1:8000',
      tests: '4',
      timestamp: failingReport.startedAt,
    });
    expect(suite.testcase.map((t: { name: string; time: string }) => [t.name, t.time])).toEqual([
      ['health', '0.012'],
      ['ready', '0.008'],
      ['resources', '0.000'],
      ['quote <&> "check"', '1.500'],
    ]);
    expect(suite.properties.property).toEqual([
      { name: 'target', value: 'http://127.0.0.1:8000' },
      { name: 'status', value: 'fail' },
      { name: 'waitedMs', value: '1200' },
    ]);
  });

  it('gives a failed check a failure with the reason as message, and a skipped one a skipped element', () => {
    const [health, ready, resources, odd] = parse(failingReport).testsuite.testcase;
    expect(health.failure).toBeUndefined();
    expect(ready.failure).toMatchObject({
      type: 'CheckFailed',
      message:
        'GET /ready: expected 2xx with status pass or warn, got HTTP 503 with status "fail" (failing: exchange:connectivity)',
    });
    expect(ready.failure['#text']).toContain('"httpStatus":503');
    expect(resources.skipped).toEqual({
      message: 'GET /metrics answered 404: the service exposes no metrics',
    });
    expect(odd.failure.message).toBe('expected <b> & "quotes" \'here\'');
  });

  it('drops characters XML cannot carry', () => {
    const report = {
      ...failingReport,
      checks: [
        {
          name: 'health',
          status: 'fail' as const,
          durationMs: 1,
          error: 'bell\u0007 and nul\u0000 here',
        },
      ],
    };
    expect(parse(report).testsuite.testcase[0].failure.message).toBe('bell and nul here');
  });

  it('omits the wait when there was none', () => {
    const { waitedMs: _, ...report } = failingReport;
    expect(parse(report as SmokeReport).testsuite.properties.property).toHaveLength(2);
  });

  it('carries the latencies of the load run to the microsecond and its rate as suite properties', () => {
    const properties = parse({ ...failingReport, load: passingLoad }).testsuite.properties.property;
    expect(properties.slice(3)).toEqual([
      { name: 'load.p50Ms', value: '0.231' },
      { name: 'load.p90Ms', value: '2' },
      { name: 'load.p99Ms', value: '5' },
      { name: 'load.p999Ms', value: '12.5' },
      { name: 'load.maxMs', value: '20' },
      { name: 'load.rps', value: '4321.5' },
    ]);
  });
});
