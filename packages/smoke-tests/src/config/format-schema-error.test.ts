import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { fieldName, formatSchemaError } from './format-schema-error.js';

function error(partial: Partial<ErrorObject>): ErrorObject {
  return {
    keyword: 'type',
    instancePath: '',
    schemaPath: '#',
    params: {},
    ...partial,
  } as ErrorObject;
}

describe('fieldName', () => {
  it('reads a JSON pointer as a dotted field with indexes', () => {
    expect(fieldName('/checks/2/expectJson/0/path')).toBe('checks[2].expectJson[0].path');
    expect(fieldName('/headers/a~1b~0c')).toBe('headers.a/b~c');
    expect(fieldName('')).toBe('');
  });
});

describe('formatSchemaError', () => {
  it('says a oneOf outside expectStatus matches none of the allowed forms', () => {
    expect(formatSchemaError(error({ keyword: 'anyOf', instancePath: '/load/body' }))).toBe(
      '"load.body" does not match any of the allowed forms',
    );
  });

  it('falls back to a generic message', () => {
    expect(formatSchemaError(error({ keyword: 'x', instancePath: '/a' }))).toBe('"a" is invalid');
  });
});
