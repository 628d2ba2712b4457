/** What every masked secret is replaced with. */
export const REDACTED = '***';

// Exact secrets this process has parsed (webhook tokens), masked wherever they show up,
// even outside a URL. Kept module-private: nothing can read them back out.
const knownSecrets = new Set<string>();

/** Remembers a secret so that {@link redact} masks it anywhere. Short strings are ignored. */
export function rememberSecret(secret: string): void {
  if (secret.length >= 8) knownSecrets.add(secret);
}

const PATTERNS: Array<[RegExp, string]> = [
  // Discord (and look-alike) webhook URLs: .../webhooks/<id>/<token>
  [/(\/webhooks\/\d+\/)[^/?#\s"'<>]+/gi, `$1${REDACTED}`],
  // Slack-style incoming webhooks: the path after /services/ is the credential.
  [/(hooks\.slack\.com\/services\/)[^?#\s"'<>]+/gi, `$1${REDACTED}`],
  // Authorization headers and bearer tokens.
  [
    /\b(authorization["']?\s*[:=]\s*["']?(?:bearer|bot|basic|token)\s+)[^\s"',;]+/gi,
    `$1${REDACTED}`,
  ],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
  // token=, access_token=, api_key=, secret=, password= in queries, logs and env dumps.
  [
    /\b([\w-]*(?:token|secret|password|passwd|api[_-]?key|signature)=)[^&#\s"'<>]+/gi,
    `$1${REDACTED}`,
  ],
  // JSON properties holding a secret.
  [/("[\w-]*(?:token|secret|password|api[_-]?key)"\s*:\s*")[^"]*"/gi, `$1${REDACTED}"`],
  // Credentials in a URL: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+:)[^@/?#\s]+@/gi, `$1${REDACTED}@`],
];

/**
 * Masks credentials in any text before it is printed, logged or stored: Discord webhook
 * tokens (in URLs, and every token this process parsed wherever it appears), Slack
 * webhook paths, bearer tokens and Authorization headers, `token=`/`api_key=`/`secret=`
 * parameters, JSON properties named like secrets, and passwords in URLs.
 */
export function redact(text: string): string {
  let out = String(text);
  for (const secret of knownSecrets) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
