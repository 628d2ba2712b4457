import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LoadReport, SmokeReport } from '@n1v1/smoke-tests';
import Ajv from 'ajv';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const ajv = new Ajv.default({ strict: true, allErrors: true });
ajv.addFormat(
  'date-time',
  (value: string) => !Number.isNaN(Date.parse(value)) && value.includes('T'),
);

function compile(name: string) {
  // Resolved through the package's exports map, as a user of the published package would.
  const path = require.resolve(`@n1v1/smoke-tests/schema/${name}.schema.json`);
  return ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
}

const validators = { report: compile('report'), 'load-report': compile('load-report') };

/** Parses stdout as exactly one JSON document and validates it against the shipped schema. */
function parseAs(stdout: string, schema: keyof typeof validators = 'report'): unknown {
  const document = JSON.parse(stdout);
  const validate = validators[schema];
  expect(validate(document) ? [] : validate.errors).toEqual([]);
  return document;
}

export function parseReport(stdout: string): SmokeReport {
  return parseAs(stdout, 'report') as SmokeReport;
}

export function parseLoadReport(stdout: string): LoadReport {
  return parseAs(stdout, 'load-report') as LoadReport;
}
