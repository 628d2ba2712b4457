import { REDACTED } from './marker.js';

// Value characters never include a backslash or a quote: text redacted inside a JSON string
// (`\"Bearer abc\"`) must stay valid JSON, so the escape before a quote is never eaten.
const VALUE = `[^\\s"'\\\\&,;<>]+`;
// `token abc` and `basic abc` are credentials only when the value looks like one (a digit, a
// base64 sign, or a case change inside it), so that "basic setup" or "token expired" survive.
const LOOKS_LIKE_CREDENTIAL = `(?=[A-Za-z0-9._~+/=-]*(?:[0-9=+/]|[a-z][A-Z]))`;
const SECRET_KEY = `[\\w-]*(?:token|secret|password|passwd|pwd|api[_-]?key|apikey|key|signature|credentials?)`;

/**
 * The shapes in which secrets show up in error messages, script output, env dumps and URLs.
 * Order matters: URLs first (their paths and userinfo), then headers, then `name=value`.
 */
type Replacement = string | ((match: string, ...groups: string[]) => string);

export const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, Replacement]> = [
  // Discord (and look-alike) webhooks: .../webhooks/<id>/<token>, any host and API version.
  [/(\/webhooks\/\d+\/)[^/?#\s"'\\<>]+/gi, `$1${REDACTED}`],
  // Slack incoming webhooks, workflows and triggers: the whole path is the credential.
  [
    /(hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers)\/)[^?#\s"'\\<>]+/gi,
    `$1${REDACTED}`,
  ],
  // Userinfo of any URL: scheme://user:password@host and scheme://token@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'\\<>]+@/gi, `$1${REDACTED}@`],
  // Authorization headers, whatever the scheme.
  [
    /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:bearer|bot|basic|token|digest)\s+)[^\s"'\\,;]+/gi,
    `$1${REDACTED}`,
  ],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi, `$1${REDACTED}`],
  [
    new RegExp(`\\b((?:basic|token|bot)\\s+)${LOOKS_LIKE_CREDENTIAL}[A-Za-z0-9._~+/=-]{8,}`, 'gi'),
    `$1${REDACTED}`,
  ],
  // JSON properties named like secrets keep their quotes, so a redacted document still parses.
  [new RegExp(`("${SECRET_KEY}"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1${REDACTED}"`],
  // name=value and name: value (query strings, env dumps, YAML, log lines), quoted or not.
  [
    new RegExp(`\\b(${SECRET_KEY}["']?\\s*[=:]\\s*)("[^"\\n]*"|'[^'\\n]*'|${VALUE})`, 'gi'),
    (_match, name: string, value: string) => `${name}${quoted(value, REDACTED)}`,
  ],
];

/** Masks every pattern of {@link SECRET_PATTERNS} in one text. */
export function redactPatterns(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    out = out.replace(pattern, replacement as (match: string, ...groups: string[]) => string);
  }
  return out;
}

/** The mask in the quotes the value had, so `password="x"` stays `password="***"`. */
function quoted(value: string, mask: string): string {
  const quote = value[0];
  return quote === '"' || quote === "'" ? `${quote}${mask}${quote}` : mask;
}
