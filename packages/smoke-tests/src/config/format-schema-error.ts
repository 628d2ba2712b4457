import type { ErrorObject } from 'ajv';

/** `/checks/2/path` as `checks[2].path`, the way a person reads a field in a config file. */
export function fieldName(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce(
    (out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

/** One line for the first schema violation, naming the field and what it should be. */
export function formatSchemaError(error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const params = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined)
    return `"${field}" has an invalid name "${error.propertyName}"`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${at(String(params.additionalProperty))}"`;
    case 'required':
      return `missing field "${at(String(params.missingProperty))}"`;
    case 'enum':
      return `"${field}" must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'oneOf':
    case 'anyOf':
      return field.endsWith('expectStatus')
        ? `"${field}" must be a status code or a list of status codes`
        : `"${field}" does not match any of the allowed forms`;
    default:
      return `"${field || '(root)'}" ${error.message ?? 'is invalid'}`;
  }
}
