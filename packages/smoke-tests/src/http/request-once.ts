import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { formatBytes, formatMs } from '../format.js';
import { describeNetworkError } from './describe-network-error.js';

export interface HopOptions {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  agent: http.Agent;
  lookup?: LookupFunction;
  /** Time left for this exchange, in ms. */
  remainingMs: number;
  /** The whole request's timeout, for the message. */
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
}

export type HopResult =
  | { ok: true; status: number; headers: http.IncomingHttpHeaders; body: Buffer; reused: boolean }
  | { ok: false; reason: string; retryable: boolean };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One HTTP exchange with a deadline covering connect, headers and body, and a cap on
 * the body. It always settles with a result and never throws: whatever the server does
 * (stalls, resets, floods) becomes a one-line reason. A redirect settles at its headers.
 */
export function requestOnce(options: HopOptions): Promise<HopResult> {
  const { url, maxBodyBytes } = options;
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let phase: 'connect' | 'headers' | 'body' = 'connect';
    let status = 0;
    let received = 0;
    let settled = false;
    let reused = false;
    const chunks: Buffer[] = [];

    const finish = (result: HopResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!result.ok) req?.destroy();
      resolve(result);
    };
    const fail = (reason: string, retryable = false) => finish({ ok: false, reason, retryable });

    let req: http.ClientRequest | undefined;
    try {
      req = transport.request(url, {
        method: options.method,
        headers: options.headers,
        agent: options.agent,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
    } catch (error) {
      // Node validates headers synchronously (a newline in a value, a bad name).
      resolve({
        ok: false,
        reason: `request not sent: ${(error as Error).message}`,
        retryable: false,
      });
      return;
    }
    const sent = req;
    const timer = setTimeout(() => fail(timeoutReason()), Math.max(0, options.remainingMs));
    const onAbort = () => fail(abortReason(options.signal?.reason));
    if (options.signal?.aborted) {
      queueMicrotask(onAbort);
    } else {
      options.signal?.addEventListener('abort', onAbort, { once: true });
    }

    sent.on('socket', (socket) => {
      reused = sent.reusedSocket;
      if (!socket.connecting) phase = 'headers';
      else
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
          phase = 'headers';
        });
    });
    sent.on('error', (error) => {
      const code = (error as { code?: string }).code;
      // A kept-alive socket the server closed as we reused it: safe to try once more.
      const retryable =
        reused && phase === 'headers' && (code === 'ECONNRESET' || code === 'EPIPE');
      fail(
        phase === 'body' ? brokeOff() : describeNetworkError(error, where, url.hostname),
        retryable,
      );
    });
    sent.on('response', (res) => {
      phase = 'body';
      status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location) {
        res.destroy();
        finish({ ok: true, status, headers: res.headers, body: Buffer.alloc(0), reused });
        return;
      }
      // A HEAD answer announces the length of a body it does not send.
      const declared = options.method === 'HEAD' ? 0 : Number(res.headers['content-length']);
      if (declared > maxBodyBytes) {
        fail(
          `HTTP ${status} with a ${formatBytes(declared)} body, over the ${formatBytes(maxBodyBytes)} limit`,
        );
        return;
      }
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBodyBytes) {
          fail(
            `HTTP ${status} with a body over the ${formatBytes(maxBodyBytes)} limit (stopped reading)`,
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish({ ok: true, status, headers: res.headers, body: Buffer.concat(chunks), reused }),
      );
      res.on('error', () => undefined);
      res.on('close', () => {
        if (!res.complete) fail(brokeOff());
      });
    });
    sent.end(options.body);

    function brokeOff(): string {
      return `connection to ${where} closed mid-response: HTTP ${status} headers arrived, then the body broke off after ${formatBytes(received)}`;
    }

    function timeoutReason(): string {
      const limit = formatMs(options.timeoutMs);
      if (phase === 'connect') return `no connection to ${where} within ${limit}`;
      if (phase === 'headers')
        return `no answer from ${where} within ${limit} (connected, no response headers)`;
      return `HTTP ${status} headers arrived, then the body stalled: ${formatBytes(received)} read within ${limit}`;
    }
  });
}

function abortReason(reason: unknown): string {
  return reason instanceof Error && reason.message ? reason.message : 'the run was aborted';
}

export function isRedirect(status: number): boolean {
  return REDIRECTS.has(status);
}
