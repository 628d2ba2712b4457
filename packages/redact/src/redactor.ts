import { REDACTED } from './marker.js';
import { redactPatterns } from './secret-patterns.js';
import { MIN_SECRET_CHARS } from './secrets-from-env.js';

/** Fields of a document whose whole value is a secret, whatever it looks like. */
const SECRET_FIELD =
  /(token|secret|password|passwd|api_?key|private_?key|credentials?|webhook_?url|authorization|cookie)$/i;

/**
 * Masks known secret values (longest first, so a token inside a longer one is not left
 * half-shown) and then every secret pattern. Holds its secrets on the instance: each run,
 * health object or notifier has its own, and nothing can read them back out.
 */
export class Redactor {
  private known: string[] = [];

  constructor(secrets: Iterable<string | undefined> = []) {
    this.add(...secrets);
  }

  /** Remembers more secret values; values shorter than 6 characters are ignored. */
  add(...secrets: Array<string | undefined>): this {
    const next = new Set(this.known);
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS) continue;
      next.add(secret);
      // A URL-encoded or JSON-escaped copy of a secret is the same secret.
      next.add(encodeURIComponent(secret));
      next.add(JSON.stringify(secret).slice(1, -1));
    }
    this.known = [...next]
      .filter((s) => s.length >= MIN_SECRET_CHARS)
      .sort((a, b) => b.length - a.length);
    return this;
  }

  /** The text with every known secret and secret pattern masked. */
  readonly text = (text: string): string => {
    let out = String(text);
    for (const secret of this.known)
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return redactPatterns(out);
  };

  /**
   * A deep copy with every string (and key) redacted, and the values of fields named like
   * secrets (`password`, `token`, `webhookUrl`) masked whole. For documents that are written
   * as JSON: redacting before serializing keeps them valid.
   */
  deep<T>(value: T): T {
    const walk = (node: unknown, key?: string): unknown => {
      if (typeof node === 'string') {
        return key !== undefined && SECRET_FIELD.test(key) && node.length > 0
          ? REDACTED
          : this.text(node);
      }
      if (Array.isArray(node)) return node.map((inner) => walk(inner));
      if (typeof node === 'object' && node !== null && isPlain(node)) {
        return Object.fromEntries(
          Object.entries(node).map(([name, inner]) => [this.text(name), walk(inner, name)]),
        );
      }
      return node;
    };
    return walk(value) as T;
  }
}

function isPlain(node: object): boolean {
  const proto = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}

/** A redaction function bound to a list of secret values. */
export function createRedactor(
  secrets: Iterable<string | undefined> = [],
): (text: string) => string {
  return new Redactor(secrets).text;
}

/** Masks secret patterns only (no known values): for text that no run's secrets reach. */
export function redact(text: string): string {
  return redactPatterns(String(text));
}
