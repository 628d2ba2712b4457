import { describe, expect, it } from 'vitest';
import { describeSchemaError } from './validate-config.js';

describe('describeSchemaError', () => {
  it('picks the deepest concrete error and unescapes JSON-pointer field names', () => {
    const errors = [
      {
        keyword: 'if',
        instancePath: '/environments/a~1b/deployer',
        params: {},
        schemaPath: '',
        message: 'must match "then" schema',
      },
      {
        keyword: 'const',
        instancePath: '/environments/a~1b/deployer/type',
        params: { allowedValue: 'local' },
        schemaPath: '',
      },
    ];
    expect(describeSchemaError(errors)).toBe('environments.a/b.deployer.type must be "local"');
  });

  it('falls back to the wrapper when it is the only error, and to a generic line without any', () => {
    expect(
      describeSchemaError([
        {
          keyword: 'oneOf',
          instancePath: '/x',
          params: {},
          schemaPath: '',
          message: 'must match exactly one schema in oneOf',
        },
      ]),
    ).toBe('x must match exactly one schema in oneOf');
    expect(describeSchemaError([])).toBe('invalid configuration');
  });
});
