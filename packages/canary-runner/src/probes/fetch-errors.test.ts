import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeFetchError, httpRequest } from './http-get.js';

describe('describeFetchError', () => {
  it('says a request that hit its timeout timed out, with the timeout', () => {
    const error = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeFetchError(error, 2000)).toBe('timed out after 2000 ms');
    expect(describeFetchError(new DOMException('aborted', 'AbortError'), 750)).toBe(
      'timed out after 750 ms',
    );
  });

  it('names the network error code and its message', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), {
        code: 'ENOTFOUND',
      }),
    });
    expect(describeFetchError(error, 1000)).toBe(
      'ENOTFOUND: getaddrinfo ENOTFOUND nowhere.invalid',
    );
    expect(describeFetchError({ cause: { code: 'ECONNRESET' } }, 1000)).toBe('ECONNRESET');
  });

  it('falls back to the cause’s message, then the error’s, then the thrown value', () => {
    expect(describeFetchError({ message: 'outer', cause: { message: 'bad header' } }, 1)).toBe(
      'bad header',
    );
    expect(describeFetchError(new Error('invalid URL'), 1)).toBe('invalid URL');
    expect(describeFetchError('plain text', 1)).toBe('plain text');
  });

  it('says connection refused for a port nothing listens on', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await httpRequest(`http://127.0.0.1:${port}/health`, { timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(describeFetchError(error, 5000)).toBe('connection refused');
  });
});

describe('httpRequest', () => {
  it('sends the method, headers and body, and returns the status and body of the answer', async () => {
    const echo = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        res.writeHead(201);
        res.end(`${req.method} ${req.headers['x-run']} ${body}`);
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const { port } = echo.address() as { port: number };
    try {
      const answer = await httpRequest(`http://127.0.0.1:${port}/weights`, {
        timeoutMs: 10_000,
        method: 'POST',
        headers: { 'x-run': 'r1' },
        body: 'weight=10',
      });
      expect(answer).toEqual({ status: 201, body: 'POST r1 weight=10' });
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });

  it('stops waiting for a stalled target as soon as the caller aborts', async () => {
    const stalled = createHttpServer(() => {
      // Never answers: the request must end by the caller's signal.
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const { port } = stalled.address() as { port: number };
    const caller = new AbortController();
    try {
      const pending = httpRequest(`http://127.0.0.1:${port}/`, {
        timeoutMs: 60_000,
        signal: caller.signal,
      });
      setTimeout(() => caller.abort(), 100);
      const error = await pending.catch((e: unknown) => e);
      expect((error as Error).name).toBe('AbortError');
    } finally {
      stalled.closeAllConnections();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
  });
});
