import { SmokeError } from './smoke-error.js';

/**
 * Parses the base URL of the service under test. Only http and https are accepted; a
 * mistake is an `E_URL_INVALID` that says what a good URL looks like.
 */
export function parseTarget(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SmokeError(
      'E_URL_INVALID',
      `"${redactUrl(url)}" is not a URL; give the base URL of the service, e.g. http://127.0.0.1:8000`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SmokeError(
      'E_URL_INVALID',
      `"${redactUrl(url)}" is not an http(s) URL; give the base URL of the service, e.g. http://127.0.0.1:8000`,
    );
  }
  return parsed;
}

/** The URL of `path` under the base URL's path: `https://h/svc` + `/health` = `https://h/svc/health`. */
export function resolvePath(base: URL, path: string): URL {
  const prefix = base.pathname.replace(/\/+$/, '');
  const suffix = path.startsWith('/') ? path : `/${path}`;
  return new URL(`${prefix}${suffix}`, base.origin);
}

/** The URL as it may be printed: no password, no values of secret-looking query parameters. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
  const secretKeys = [...parsed.searchParams.keys()].filter((key) => SECRET_NAME.test(key));
  if (!parsed.password && secretKeys.length === 0) return url;
  if (parsed.password) parsed.password = '***';
  for (const key of secretKeys) parsed.searchParams.set(key, '***');
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}

/** Header or parameter names whose values are secrets. */
export const SECRET_NAME = /auth|token|key|secret|password|passwd|cookie|session|signature/i;
