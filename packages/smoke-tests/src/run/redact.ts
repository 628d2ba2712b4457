import { Redactor } from '@n1v1/redact';
import { SECRET_NAME } from '../target.js';

/** Values of headers whose names look secret (Authorization, X-Api-Key, Cookie, ...). */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => SECRET_NAME.test(name))
    .flatMap(([, value]) => [value, ...value.split(/\s+/).filter((part) => part.length >= 8)]);
}

/**
 * A deep copy of a report with every known secret and every secret pattern masked, through
 * the workspace's one redaction (`@n1v1/redact`). Applied to whatever leaves the package, so
 * a server that echoes a token into an error page cannot put it in a CI log.
 */
export function redactSecrets<T>(value: T, secrets: Array<string | undefined>): T {
  return new Redactor(secrets).deep(value);
}
