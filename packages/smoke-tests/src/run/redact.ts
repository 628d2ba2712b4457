import { SECRET_NAME } from '../target.js';

/** Values of headers whose names look secret (Authorization, X-Api-Key, Cookie, ...). */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => SECRET_NAME.test(name))
    .flatMap(([, value]) => [value, ...value.split(/\s+/).filter((part) => part.length >= 8)]);
}

/**
 * A deep copy of a report with every occurrence of a secret replaced by `***`. Applied
 * to whatever leaves the package, so a server that echoes a token into an error page
 * cannot put it in a CI log.
 */
export function redactSecrets<T>(value: T, secrets: Array<string | undefined>): T {
  // Longest first, so a token inside a longer header value is not left half-redacted.
  const list = [
    ...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4)),
  ].sort((a, b) => b.length - a.length);
  if (list.length === 0) return value;
  const scrub = (text: string) => list.reduce((out, secret) => out.split(secret).join('***'), text);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(
        Object.entries(node).map(([key, inner]) => [scrub(key), walk(inner)]),
      );
    }
    return node;
  };
  return walk(value) as T;
}
