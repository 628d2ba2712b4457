export { REDACTED } from './marker.js';
export { createRedactor, Redactor, redact } from './redactor.js';
export { redactPatterns, SECRET_PATTERNS } from './secret-patterns.js';
export { MIN_SECRET_CHARS, SECRET_NAME, secretsFromEnv } from './secrets-from-env.js';
