import { describe, expect, it } from 'vitest';
import { SmokeError } from './smoke-error.js';
import { parseTarget, redactUrl, resolvePath } from './target.js';

function errorOf(fn: () => unknown): SmokeError {
  try {
    fn();
  } catch (error) {
    return error as SmokeError;
  }
  throw new Error('expected a throw');
}

describe('parseTarget', () => {
  it('accepts http and https URLs', () => {
    expect(parseTarget('http://127.0.0.1:8000').port).toBe('8000');
    expect(parseTarget('https://example.test/svc/').pathname).toBe('/svc/');
  });

  it('rejects text that is not a URL with E_URL_INVALID and an example', () => {
    const error = errorOf(() => parseTarget('localhost:8000/x y'));
    expect(error).toBeInstanceOf(SmokeError);
    expect(error.code).toBe('E_URL_INVALID');
    expect(error.message).toMatch(/is not an http\(s\) URL.*e\.g\. http:\/\/127\.0\.0\.1:8000/);
    expect(errorOf(() => parseTarget('not a url')).message).toMatch(/^"not a url" is not a URL/);
  });

  it('rejects other schemes without echoing a password', () => {
    const error = errorOf(() => parseTarget('ftp://user:hunter2@host/'));
    expect(error.message).not.toContain('hunter2');
    expect(errorOf(() => parseTarget('://user:hunter2@')).message).not.toContain('hunter2');
  });
});

describe('resolvePath', () => {
  it('appends check paths to the base path, with or without slashes', () => {
    const base = new URL('https://h.test/svc/');
    expect(resolvePath(base, '/health').href).toBe('https://h.test/svc/health');
    expect(resolvePath(new URL('http://h.test'), 'ready?x=1').href).toBe('http://h.test/ready?x=1');
  });
});

describe('redactUrl', () => {
  it('hides passwords and secret query parameters but keeps the rest', () => {
    expect(redactUrl('https://me:hunter2@h.test/a?token=abc&page=2')).toBe(
      'https://me:***@h.test/a?token=***&page=2',
    );
    expect(redactUrl('http://h.test')).toBe('http://h.test');
  });
});
