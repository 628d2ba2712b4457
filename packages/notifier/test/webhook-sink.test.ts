import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier, NotifierError, webhookSink } from '../src/index.js';
import { event, everyRendering } from './helpers.js';

/** A plain JSON endpoint that answers from a script, then 200. */
let server: Server;
let base: string;
let script: Array<{ status: number; headers?: Record<string, string> }>;
let received: Array<{ at: number; body: unknown; auth?: string; status: number }>;

beforeEach(async () => {
  script = [];
  received = [];
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const next = script.shift() ?? { status: 200 };
      received.push({
        at: performance.now(),
        body: JSON.parse(data),
        auth: req.headers.authorization,
        status: next.status,
      });
      res.writeHead(next.status, next.headers).end(next.status >= 400 ? '{"error":"nope"}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('webhookSink', () => {
  it('POSTs every event as JSON with the given headers, in order', async () => {
    const sink = webhookSink({
      url: `${base}/hooks/secret-path?token=abc`,
      headers: { authorization: 'Bearer s3cr3t-value' },
    });
    const notifier = createNotifier([sink]);
    await notifier.send(event(1, { reason: 'boom' }));
    await notifier.send(event(2, { type: 'deploy.succeeded' }));
    expect((await notifier.flush()).ok).toBe(true);
    expect(received.map((r) => r.auth)).toEqual(['Bearer s3cr3t-value', 'Bearer s3cr3t-value']);
    expect(received[0]!.body).toMatchObject({
      schemaVersion: 1,
      headline: 'Deploy started: n1v1 1.4.2 on staging',
      event: { type: 'deploy.started', runId: 'run-1', reason: 'boom' },
    });
    expect((received[1]!.body as { event: { runId: string } }).event.runId).toBe('run-2');
    expect(sink.describe()).toBe(`webhook ${base}`);
    const shown = everyRendering(sink) + everyRendering(notifier.describe());
    expect(shown).not.toContain('secret-path');
    expect(shown).not.toContain('s3cr3t-value');
  });

  it('honours Retry-After on a 503 and on a 429 before trying again', async () => {
    script = [
      { status: 503, headers: { 'retry-after': '0.3' } },
      { status: 429, headers: { 'retry-after': '0.3' } },
    ];
    const notifier = createNotifier([
      webhookSink({ url: base, backoff: { baseMs: 10, maxMs: 20 } }),
    ]);
    const delivery = await (await notifier.send(event(1))).delivery;
    expect(delivery.sinks[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(300);
    expect(received[2]!.at - received[1]!.at).toBeGreaterThanOrEqual(300);
  });

  it('stops posting to an endpoint that answers 410 Gone', async () => {
    script = [{ status: 410 }];
    const notifier = createNotifier([webhookSink({ url: base })]);
    await notifier.send(event(1));
    await notifier.send(event(2));
    const report = await notifier.flush();
    expect(received).toHaveLength(1);
    expect(report.failures.map((f) => f.error)).toEqual([
      `HTTP 410: {"error":"nope"}: the endpoint is gone; webhook ${base} is disabled`,
      `HTTP 410: {"error":"nope"}: the endpoint is gone; webhook ${base} is disabled`,
    ]);
  });

  it('uses a custom body and records a render that throws as a failure', async () => {
    let calls = 0;
    const notifier = createNotifier([
      webhookSink({
        url: base,
        render: (e) => {
          calls++;
          if (e.runId === 'run-2') throw new Error('cannot render token=abcdef123456');
          return { text: e.type };
        },
      }),
    ]);
    await notifier.send(event(1));
    await notifier.send(event(2));
    const report = await notifier.flush();
    expect(calls).toBe(2);
    expect(received.map((r) => r.body)).toEqual([{ text: 'deploy.started' }]);
    expect(report.failures[0]!.error).toBe('render failed: cannot render token=***');
  });

  it('rejects a URL that is not http(s) or carries credentials', () => {
    for (const url of [
      'ftp://x.example/hook',
      'https://user:pw@x.example/hook',
      'nope',
      undefined,
    ]) {
      expect(() => webhookSink({ url: url as string })).toThrow(NotifierError);
    }
  });
});
