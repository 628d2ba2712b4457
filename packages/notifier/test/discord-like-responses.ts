import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './discord-like-server.js';

/** One webhook's rate-limit bucket and scripted faults, as the Discord-like server keeps them. */
export interface Bucket {
  remaining: number;
  resetAt: number;
  blockedUntil: number;
  faults: Fault[];
}

export function rateHeaders(bucket: Bucket, now: number, limit: number): Record<string, string> {
  const resetAfterMs = Math.max(0, bucket.resetAt - now);
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(bucket.remaining),
    'x-ratelimit-reset': ((Date.now() + resetAfterMs) / 1000).toFixed(3),
    // Rounded up: Discord never announces a reset earlier than it happens.
    'x-ratelimit-reset-after': (Math.ceil(resetAfterMs) / 1000).toFixed(3),
    'x-ratelimit-bucket': 'a06de8ef6d8b1d6b4bdd0c5b8d3e8b4f',
  };
}

export function limited(waitMs: number, global: boolean) {
  return { message: 'You are being rate limited.', retry_after: Math.ceil(waitMs) / 1000, global };
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function json(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(body));
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', () => resolve(data));
  });
}
