import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { expect } from 'vitest';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(
  schema,
);

/** Asserts that a report (as --json would print it) matches the published schema. */
export function expectValidReport(report: unknown): void {
  const valid = validate(JSON.parse(JSON.stringify(report)));
  expect(validate.errors ?? [], 'report.schema.json').toEqual([]);
  expect(valid).toBe(true);
}
