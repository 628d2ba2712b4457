import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createNotifier,
  type DeploymentEvent,
  discord,
  renderDiscordMessage,
} from '@n1v1/notifier';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { median } from './lib/time-command.js';

const TOKEN = 'benchToken_0123456789abcdefghijklmnopqrstuvwxyz';
const EVENTS = 300;

/** A loopback stand-in for Discord's execute-webhook: optional per-window budget and delay. */
async function startServer(options: { budget?: number; windowMs?: number; delayMs?: number } = {}) {
  const timers = new Set<NodeJS.Timeout>();
  let remaining = options.budget ?? Number.POSITIVE_INFINITY;
  let resetAt = 0;
  let violations = 0;
  let delivered = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      if (options.budget !== undefined && now >= resetAt) {
        remaining = options.budget;
        resetAt = now + (options.windowMs ?? 1000);
      }
      if (remaining <= 0) {
        violations++;
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            message: 'rate limited',
            retry_after: (resetAt - now) / 1000,
            global: false,
          }),
        );
        return;
      }
      remaining--;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.budget !== undefined) {
        headers['x-ratelimit-remaining'] = String(remaining);
        headers['x-ratelimit-reset-after'] = (Math.ceil(resetAt - now) / 1000).toFixed(3);
        headers['x-ratelimit-bucket'] = 'bench';
      }
      const answer = () => {
        delivered++;
        res.writeHead(200, headers).end('{"id":"1"}');
      };
      if (options.delayMs) timers.add(setTimeout(answer, options.delayMs));
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v10`;
  return {
    apiBase,
    stats: () => ({ violations, delivered }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const event = (n: number): DeploymentEvent => ({
  type: 'deploy.succeeded',
  service: 'n1v1',
  environment: 'staging',
  version: '1.4.2',
  runId: `bench-${n}`,
  durationMs: 61_000,
});

let webhookId = 100_000_000_000_000_000n;
function sinkFor(apiBase: string) {
  // A fresh webhook id per scenario: the notifier shares one queue per webhook in a process.
  webhookId++;
  return discord({ webhookUrl: `https://discord.com/api/webhooks/${webhookId}/${TOKEN}`, apiBase });
}

async function bareFetchPerSec(apiBase: string): Promise<number> {
  const start = performance.now();
  for (let n = 0; n < EVENTS; n++) {
    const response = await fetch(`${apiBase}/webhooks/1/${TOKEN}?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(renderDiscordMessage(event(n))),
    });
    await response.text();
  }
  return EVENTS / ((performance.now() - start) / 1000);
}

async function notifierPerSec(apiBase: string): Promise<number> {
  const notifier = createNotifier([sinkFor(apiBase)]);
  const start = performance.now();
  for (let n = 0; n < EVENTS; n++) await notifier.send(event(n));
  const report = await notifier.flush({ timeoutMs: 30_000 });
  if (!report.ok) throw new Error(`notifier bench: ${report.undelivered} events not delivered`);
  return EVENTS / ((performance.now() - start) / 1000);
}

const benchmark: Benchmark = {
  name: 'notifier-throughput',
  description:
    'ordered Discord delivery through the notifier vs a bare sequential fetch loop (loopback), send() latency while Discord is slow, and time under a rate-limit budget vs its minimum',
  async run() {
    const rows: BenchRow[] = [];
    const fast = await startServer();
    try {
      await bareFetchPerSec(fast.apiBase); // warm-up: sockets, JIT
      const bare = await bareFetchPerSec(fast.apiBase);
      const queued = await notifierPerSec(fast.apiBase);
      rows.push({ metric: 'bare fetch loop', value: bare, unit: 'events/s' });
      rows.push({
        metric: `notifier, ${EVENTS} events in order`,
        value: queued,
        unit: 'events/s',
        baseline: { name: 'bare fetch loop', value: bare },
        target: 'ratio >= 0.8',
      });
    } finally {
      await fast.close();
    }

    const slow = await startServer({ delayMs: 200 });
    try {
      const notifier = createNotifier([sinkFor(slow.apiBase)]);
      const sendMs: number[] = [];
      for (let n = 0; n < 50; n++) {
        const start = performance.now();
        await notifier.send(event(n));
        sendMs.push(performance.now() - start);
      }
      await notifier.flush({ timeoutMs: 1000 });
      rows.push({
        metric: 'send() while Discord answers in 200 ms (p50)',
        value: median(sendMs) * 1000,
        unit: 'µs',
        baseline: { name: 'one 200 ms answer', value: 200_000 },
        target: 'ratio <= 0.01',
      });
    } finally {
      await slow.close();
    }

    const limited = await startServer({ budget: 5, windowMs: 1000 });
    try {
      const notifier = createNotifier([sinkFor(limited.apiBase)]);
      const start = performance.now();
      for (let n = 0; n < 15; n++) await notifier.send(event(n));
      const report = await notifier.flush({ timeoutMs: 20_000 });
      const elapsed = performance.now() - start;
      rows.push({
        metric: '15 events under a 5 per 1 s budget',
        value: elapsed,
        unit: 'ms',
        baseline: { name: 'two full windows (2000 ms)', value: 2000 },
        target: 'ratio <= 1.3',
      });
      rows.push({
        metric: 'requests beyond the budget',
        value: limited.stats().violations,
        unit: 'requests',
        target: '0',
      });
      rows.push({
        metric: 'events delivered',
        value: report.delivered,
        unit: 'of 15',
        target: '15',
      });
    } finally {
      await limited.close();
    }
    return rows;
  },
};

export default benchmark;
