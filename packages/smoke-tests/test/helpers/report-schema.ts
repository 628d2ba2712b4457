import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { expect } from 'vitest';

const ajv = new Ajv.default({ strict: true, allErrors: true });
ajv.addFormat('date-time', (value: string) =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value),
);
const validate = ajv.compile(
  JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')),
);

/** Asserts that a report matches the shipped JSON Schema, showing ajv's errors when not. */
export function expectValidReport(report: unknown): void {
  const valid = validate(report);
  expect(valid ? [] : validate.errors).toEqual([]);
}

/** Asserts that a load report matches the `load` part of the shipped schema. */
export function expectValidLoadReport(load: unknown): void {
  expectValidReport({
    schemaVersion: 1,
    status: 'pass',
    profile: 'n1v1',
    target: 'http://127.0.0.1',
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 0,
    summary: { total: 0, passed: 0, failed: 0, skipped: 0 },
    checks: [],
    load,
  });
}

export function readSchemaFile(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8'));
}
