import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { executeWebhookProblems } from './discord-body-validator.js';
import { type Bucket, json, limited, ms, rateHeaders, readBody } from './discord-like-responses.js';

/**
 * A local HTTP server that behaves as Discord's execute-webhook endpoint is documented:
 * it validates every body (schema and limits, 400 on a violation), answers 401/404 for a
 * wrong token or webhook, keeps a per-bucket budget announced in X-RateLimit-* headers,
 * answers 429 when the budget is spent, and plays scripted faults: 429s (per route or
 * global), 5xx, slow answers and connection resets. Every request that arrives while
 * the client should still be waiting is recorded as a violation.
 */
export type Fault =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limited'; retryAfterSec: number; global?: boolean; via?: 'body' | 'header' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'reset' };

export interface RecordedRequest {
  /** performance.now() when the body had arrived. */
  at: number;
  webhookId: string;
  status: number;
  wait: string | null;
  threadId: string | null;
  fault?: Fault['kind'];
  /** The client went away before the answer (it aborted, or the server reset it). */
  clientClosed?: boolean;
  userAgent?: string;
}

export interface DeliveredMessage {
  webhookId: string;
  body: { embeds?: Array<{ title?: string; fields?: Array<{ name: string; value: string }> }> };
  at: number;
}

export interface DiscordLikeServerOptions {
  /** Requests each webhook's bucket allows per window. Default 5. */
  bucketLimit?: number;
  /** Length of a bucket window, in ms. Default 1000. */
  bucketWindowMs?: number;
  /** How many webhooks exist. Default 2. */
  webhooks?: number;
}

export interface DiscordLikeServer {
  /** `http://127.0.0.1:PORT/api/v10`: pass as `apiBase`. */
  apiBase: string;
  origin: string;
  /** The webhooks it knows: id and token. */
  webhooks: Array<{ id: string; token: string }>;
  /** The public Discord URL of webhook `i` (what a user copies); requests go to apiBase. */
  webhookUrl(i?: number): string;
  requests: RecordedRequest[];
  messages: DeliveredMessage[];
  violations: string[];
  /** Faults played, in order, on the next requests to webhook `i` (default 0). */
  queueFaults(faults: Fault[], i?: number): void;
  /** Resolves when `count` requests have arrived in all. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startDiscordLikeServer(
  options: DiscordLikeServerOptions = {},
): Promise<DiscordLikeServer> {
  const limit = options.bucketLimit ?? 5;
  const windowMs = options.bucketWindowMs ?? 1000;
  const webhooks = Array.from({ length: options.webhooks ?? 2 }, (_, i) => ({
    id: `12345678901234567${i}`,
    token: `tok${randomBytes(48).toString('base64url')}`,
  }));
  const buckets = new Map<string, Bucket>(
    webhooks.map((w) => [w.id, { remaining: limit, resetAt: 0, blockedUntil: 0, faults: [] }]),
  );
  const requests: RecordedRequest[] = [];
  const messages: DeliveredMessage[] = [];
  const violations: string[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let globalBlockedUntil = 0;
  let nextMessageId = 1_000_000_000_000_000_000n;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api(?:\/v10)?\/webhooks\/(\d+)\/([^/]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST')
      return json(res, 404, { message: '404: Not Found', code: 0 });
    const raw = await readBody(req);
    const now = performance.now();
    const [, id, token] = match as unknown as [string, string, string];
    const record: RecordedRequest = {
      at: now,
      webhookId: id,
      status: 0,
      wait: url.searchParams.get('wait'),
      threadId: url.searchParams.get('thread_id'),
      userAgent: req.headers['user-agent'],
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.clientClosed = true;
    });
    for (const w of waiters.filter((w) => requests.length >= w.count)) w.resolve();
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      if (!res.destroyed) json(res, status, body, headers);
    };

    const webhook = webhooks.find((w) => w.id === id);
    const bucket = buckets.get(id);
    if (!webhook || !bucket) return answer(404, { message: 'Unknown Webhook', code: 10015 });
    if (webhook.token !== token)
      return answer(401, { message: 'Invalid Webhook Token', code: 50027 });

    if (now < globalBlockedUntil) {
      violations.push(
        `request ${requests.length} came ${ms(globalBlockedUntil - now)} before a global limit ended`,
      );
      return answer(429, limited(globalBlockedUntil - now, true), { 'x-ratelimit-global': 'true' });
    }
    if (now < bucket.blockedUntil) {
      violations.push(
        `request ${requests.length} came ${ms(bucket.blockedUntil - now)} before retry_after ended`,
      );
      return answer(
        429,
        limited(bucket.blockedUntil - now, false),
        rateHeaders(bucket, now, limit),
      );
    }
    if (now >= bucket.resetAt) {
      bucket.remaining = limit;
      bucket.resetAt = now + windowMs;
    }
    if (bucket.remaining === 0) {
      violations.push(
        `request ${requests.length} came ${ms(bucket.resetAt - now)} before the bucket reset`,
      );
      return answer(429, limited(bucket.resetAt - now, false), rateHeaders(bucket, now, limit));
    }
    bucket.remaining--;

    const fault = bucket.faults.shift();
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'reset') {
      record.status = -1;
      return req.socket.destroy();
    }
    if (fault?.kind === 'rate-limited') {
      bucket.remaining++;
      const waitMs = fault.retryAfterSec * 1000;
      if (fault.global) globalBlockedUntil = now + waitMs;
      else bucket.blockedUntil = now + waitMs;
      const headers: Record<string, string> = {
        ...rateHeaders(bucket, now, limit),
        'retry-after': String(Math.ceil(fault.retryAfterSec)),
        ...(fault.global ? { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' } : {}),
      };
      if (fault.via === 'header') {
        headers['retry-after'] = String(fault.retryAfterSec);
        return answer(429, { message: 'You are being rate limited.' }, headers);
      }
      return answer(429, limited(waitMs, fault.global === true), headers);
    }
    if (fault?.kind === 'status') {
      return answer(
        fault.status,
        { message: 'Internal Server Error', code: 0 },
        rateHeaders(bucket, now, limit),
      );
    }
    if (fault?.kind === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.delayMs);
        timers.add(timer);
      });
      if (res.destroyed || req.socket.destroyed) {
        record.status = -2;
        return;
      }
    }

    if (!String(req.headers['content-type']).startsWith('application/json')) {
      return answer(
        400,
        { message: 'Cannot send an empty message', code: 50006 },
        rateHeaders(bucket, now, limit),
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return answer(
        400,
        { message: 'The request body contains invalid JSON.', code: 50109 },
        rateHeaders(bucket, now, limit),
      );
    }
    const problems = executeWebhookProblems(body);
    if (problems.length > 0) {
      return answer(
        400,
        { message: 'Invalid Form Body', code: 50035, problems },
        rateHeaders(bucket, now, limit),
      );
    }
    messages.push({ webhookId: id, body: body as DeliveredMessage['body'], at: now });
    const messageId = String(nextMessageId++);
    if (record.wait !== 'true') return answer(204, undefined, rateHeaders(bucket, now, limit));
    return answer(
      200,
      { id: messageId, type: 0, webhook_id: id, ...(body as object) },
      rateHeaders(bucket, now, limit),
    );
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    apiBase: `${origin}/api/v10`,
    origin,
    webhooks,
    webhookUrl: (i = 0) =>
      `https://discord.com/api/webhooks/${webhooks[i]!.id}/${webhooks[i]!.token}`,
    requests,
    messages,
    violations,
    queueFaults(faults, i = 0) {
      buckets.get(webhooks[i]!.id)!.faults.push(...faults);
    },
    waitForRequests(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
