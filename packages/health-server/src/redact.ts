const REDACTED = '[redacted]';
const MAX_OUTPUT_CHARS = 300;
const SECRET_ENV_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|WEBHOOK)/i;

/**
 * Patterns of secrets that error messages of drivers and HTTP clients commonly carry:
 * credentials in URLs, bearer tokens, `password=...` pairs, webhook paths.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi, `$1${REDACTED}@`],
  [/\b(bearer|basic|token)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi, `$1$2${REDACTED}`],
  [
    /\b((?:access_|refresh_|api_?|auth_?|client_|x-api-)?(?:token|key|secret|password|passwd|pwd|signature|sig|apikey|credentials?))(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s"'&,;]+)/gi,
    `$1$2${REDACTED}`,
  ],
  [/(\/api\/webhooks\/\d+\/)[A-Za-z0-9_-]+/g, `$1${REDACTED}`],
];

/** Secret values taken from an environment: long values of variables whose names say secret. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(
      ([name, value]) => SECRET_ENV_NAME.test(name) && value !== undefined && value.length >= 8,
    )
    .map(([, value]) => value as string);
}

/** A redactor bound to a list of known secret values (longest first, so prefixes do not leak). */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const known = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/**
 * Turns anything thrown into one redacted line: the message (and its cause's), never a
 * stack, cut to a length that fits a probe log.
 */
export function describeFailure(error: unknown, redact: (text: string) => string): string {
  return cleanOutput(messageOf(error) || 'check failed', redact);
}

/** One line, redacted, at most MAX_OUTPUT_CHARS: the only form any text leaves a check in. */
export function cleanOutput(text: string, redact: (text: string) => string): string {
  const firstLine = text.split('\n', 1)[0]!.trim();
  const clean = redact(firstLine);
  return clean.length > MAX_OUTPUT_CHARS ? `${clean.slice(0, MAX_OUTPUT_CHARS - 1)}…` : clean;
}

function messageOf(error: unknown, depth = 0): string {
  if (typeof error === 'string') return error;
  if (!(error instanceof Error) || depth > 2) return '';
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const inner = error instanceof AggregateError ? messageOf(error.errors[0], depth + 1) : '';
  const code = (error as { code?: unknown }).code;
  let message = error.message || inner || (typeof code === 'string' ? code : error.name);
  const cause = messageOf(error.cause, depth + 1);
  if (cause && !message.includes(cause)) message = `${message}: ${cause}`;
  return message;
}
