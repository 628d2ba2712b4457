import { Redactor } from '@n1v1/redact';

export { REDACTED } from '@n1v1/redact';

// Webhook tokens this process has parsed, masked wherever they show up, even outside a URL
// (a proxy's error page quoting the token). Process-wide on purpose: a token parsed by one
// notifier must not be printed by another. Nothing can read them back out.
const known = new Redactor();

/** Remembers a secret so that {@link redact} masks it anywhere. Short strings are ignored. */
export function rememberSecret(secret: string): void {
  known.add(secret);
}

/**
 * Masks credentials in any text before it is printed, logged or stored, with the
 * workspace's one rule set (`@n1v1/redact`) plus every webhook token this process parsed.
 */
export function redact(text: string): string {
  return known.text(text);
}
