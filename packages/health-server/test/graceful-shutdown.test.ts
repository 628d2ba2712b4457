import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '../src/index.js';
import { cleanup, deferred, getStatus, listen, makeHealth, waitFor } from './helpers.js';

const agents = new Set<Agent>();
afterEach(async () => {
  for (const agent of agents) agent.destroy();
  agents.clear();
  await cleanup();
});

function keepAliveAgent(): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  agents.add(agent);
  return agent;
}

interface Instance {
  health: Health;
  server: Server;
  url: string;
  served: number;
}

/** A service as a user would write it: express, the health router, and a slowish route. */
async function startInstance(workMs = 20): Promise<Instance> {
  const health = makeHealth();
  const app = express();
  app.use(health.router());
  const instance = { health, served: 0 } as Instance;
  app.get('/work', (_req, res) => {
    setTimeout(() => {
      instance.served++;
      res.json({ ok: true });
    }, workMs);
  });
  instance.server = createServer(app);
  instance.url = await listen(instance.server);
  health.ready();
  return instance;
}

type Reply = { status: number; connection: string | undefined; body: string };

function get(url: string, agent?: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown', () => {
  it('loses no request during a rolling restart under continuous load', async () => {
    const old = await startInstance();
    const next = await startInstance();
    const exits: number[] = [];
    const controller = old.health.gracefulShutdown(old.server, {
      delayMs: 800,
      signals: [],
      exit: (code) => exits.push(code),
    });

    // The load balancer: polls /ready and sends traffic only to instances that pass.
    const pool = new Map([
      [old.url, true],
      [next.url, true],
    ]);
    let polling = true;
    const poller = (async () => {
      while (polling) {
        for (const url of pool.keys()) {
          pool.set(
            url,
            await getStatus(`${url}/ready`).then(
              (s) => s === 200,
              () => false,
            ),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const agent = keepAliveAgent();
    const outcome = { ok: 0, failed: [] as string[] };
    let sending = true;
    let turn = 0;
    const client = async () => {
      for (let i = 0; i < 2000 && sending; i++) {
        const ready = [...pool].filter(([, up]) => up).map(([url]) => url);
        const url = ready[turn++ % ready.length];
        if (url === undefined) throw new Error('no instance is ready');
        try {
          const reply = await get(`${url}/work`, agent);
          if (reply.status === 200) outcome.ok++;
          else outcome.failed.push(`status ${reply.status}`);
        } catch (error) {
          outcome.failed.push((error as Error).message);
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);

    await waitFor(() => old.served >= 40);
    const servedBefore = old.served;
    const report = await controller.shutdown('SIGTERM');
    const servedDuringShutdown = old.served - servedBefore;
    const nextServed = next.served;
    await waitFor(() => next.served >= nextServed + 100);
    sending = false;
    polling = false;
    await Promise.all([...clients, poller]);

    expect(outcome.failed).toEqual([]);
    expect(report).toMatchObject({ reason: 'SIGTERM', exitCode: 0, forced: false });
    expect(exits).toEqual([0]);
    expect(servedDuringShutdown).toBeGreaterThan(0);
    expect(old.server.listening).toBe(false);
    expect(outcome.ok).toBe(old.served + next.served);
  });

  it('fails readiness at once and keeps serving keep-alive connections as usual during the delay', async () => {
    const instance = await startInstance();
    const controller = instance.health.gracefulShutdown(instance.server, {
      delayMs: 60_000,
      hardDeadlineMs: 120_000,
      signals: [],
      exit: false,
    });
    const agent = keepAliveAgent();
    expect((await get(`${instance.url}/work`, agent)).connection).toBe('keep-alive');
    void controller.shutdown('test');
    expect(controller.stopping).toBe(true);
    const ready = await get(`${instance.url}/ready`, agent);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).output).toBe('shutting down');
    const health = await get(`${instance.url}/health`, agent);
    expect(health.status).toBe(200);
    // Sending clients off to reconnect while the listener is open would put them in its accept
    // queue, which is reset when it closes.
    const work = await get(`${instance.url}/work`, agent);
    expect(work).toMatchObject({ status: 200, connection: 'keep-alive' });
    expect(instance.server.listening).toBe(true);
    controller.dispose();
  });

  it('with the documented defaults, loses no request of 10 keep-alive clients sending back to back', async () => {
    const instance = await startInstance(2);
    const controller = instance.health.gracefulShutdown(instance.server, {
      signals: [],
      exit: false,
    });
    const outcome = { ok: 0, closeAnswers: 0, lost: [] as string[], refused: 0 };
    let first = 0;
    const client = async () => {
      const agent = keepAliveAgent();
      for (let i = 0; i < 20_000; i++) {
        try {
          const reply = await get(`${instance.url}/work`, agent);
          outcome.ok++;
          if (reply.connection === 'close') outcome.closeAnswers++;
          if (i === 0 && ++first === 10) void controller.shutdown('SIGTERM');
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          if (code === 'ECONNREFUSED') outcome.refused++;
          else outcome.lost.push(code);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, client));
    const report = await controller.shutdown();
    expect(outcome.lost).toEqual([]);
    expect(outcome.refused).toBe(10);
    expect(outcome.closeAnswers).toBe(10);
    expect(report).toMatchObject({ exitCode: 0, forced: false });
  });

  it('lets in-flight requests finish after the listener stops accepting', async () => {
    const instance = await startInstance(400);
    const exits: number[] = [];
    const controller = instance.health.gracefulShutdown(instance.server, {
      delayMs: 0,
      signals: [],
      exit: (code) => exits.push(code),
    });
    let received = 0;
    instance.server.on('request', () => received++);
    const inFlight = [get(`${instance.url}/work`), get(`${instance.url}/work`)];
    await waitFor(() => received === 2);
    const done = controller.shutdown('SIGTERM');
    await waitFor(() => !instance.server.listening);
    await expect(get(`${instance.url}/work`)).rejects.toThrow(/ECONNREFUSED/);
    const replies = await Promise.all(inFlight);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
    expect((await done).exitCode).toBe(0);
    expect(exits).toEqual([0]);
  });

  it('closes idle keep-alive connections instead of waiting for their timeout', async () => {
    const instance = await startInstance();
    instance.server.keepAliveTimeout = 60_000;
    const agent = keepAliveAgent();
    await get(`${instance.url}/work`, agent);
    const socket = Object.values(agent.freeSockets).flat()[0];
    expect(socket).toBeDefined();
    const closed = new Promise<void>((resolve) => socket?.once('close', () => resolve()));
    const controller = instance.health.gracefulShutdown(instance.server, {
      delayMs: 0,
      hardDeadlineMs: 30_000,
      signals: [],
      exit: false,
    });
    const report = await controller.shutdown();
    await closed;
    expect(report.forced).toBe(false);
    expect(report.durationMs).toBeLessThan(30_000);
  });

  it('runs hooks in order with their timeouts, and exits 1 when one failed', async () => {
    const instance = await startInstance();
    const order: string[] = [];
    let hungSignal: AbortSignal | undefined;
    const exits: number[] = [];
    const controller = instance.health.gracefulShutdown(instance.server, {
      delayMs: 0,
      hookTimeoutMs: 100,
      signals: [],
      exit: (code) => exits.push(code),
      hooks: [
        async function flushOrders() {
          order.push('flush');
        },
        {
          name: 'close-db',
          run: () => {
            order.push('db');
            throw new Error('pool closed twice, password=hunter2');
          },
        },
        {
          name: 'hung',
          run: ({ signal }) => {
            hungSignal = signal;
            order.push('hung');
            return new Promise(() => {});
          },
        },
        {
          name: 'slow-but-allowed',
          timeoutMs: 2000,
          run: () => new Promise((resolve) => setTimeout(resolve, 150)),
        },
        () => {
          order.push('last');
        },
      ],
    });
    const report = await controller.shutdown();
    expect(order).toEqual(['flush', 'db', 'hung', 'last']);
    expect(report.hooks.map(({ name, status }) => [name, status])).toEqual([
      ['flushOrders', 'ok'],
      ['close-db', 'failed'],
      ['hung', 'timeout'],
      ['slow-but-allowed', 'ok'],
      ['hook 5', 'ok'],
    ]);
    expect(report.hooks[1]?.error).toBe('pool closed twice, password=***');
    expect(hungSignal?.aborted).toBe(true);
    expect(report.exitCode).toBe(1);
    expect(exits).toEqual([1]);
  });

  it('exits 1 at the hard deadline when a request never finishes', async () => {
    const health = makeHealth();
    const app = express();
    app.use(health.router());
    const stuck = deferred();
    app.get('/stuck', () => stuck.resolve());
    const server = createServer(app);
    const url = await listen(server);
    const exits: number[] = [];
    const controller = health.gracefulShutdown(server, {
      delayMs: 0,
      hardDeadlineMs: 300,
      signals: [],
      exit: (code) => exits.push(code),
    });
    const pending = get(`${url}/stuck`).catch((error: Error) => error.message);
    await stuck.promise;
    const report = await controller.shutdown();
    expect(report).toMatchObject({ forced: true, exitCode: 1 });
    expect(exits).toEqual([1]);
    expect(await pending).toMatch(/socket hang up|ECONNRESET/);
  });

  it('starts on a signal, exits at once on a second one, and removes its listeners', async () => {
    const instance = await startInstance();
    const before = process.listenerCount('SIGUSR2');
    const exits: number[] = [];
    const controller = instance.health.gracefulShutdown(instance.server, {
      delayMs: 5000,
      signals: ['SIGUSR2'],
      exit: (code) => exits.push(code),
    });
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(controller.stopping).toBe(true);
    expect(instance.health.state).toBe('stopping');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(exits).toEqual([1]);
    controller.dispose();
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('keeps the management port up during the delay and closes it at the end', async () => {
    const instance = await startInstance();
    const management = await instance.health.listen(0, '127.0.0.1');
    const port = (management.address() as { port: number }).port;
    const controller = instance.health.gracefulShutdown(instance.server, {
      delayMs: 300,
      signals: [],
      exit: false,
    });
    const done = controller.shutdown();
    expect(await getStatus(`http://127.0.0.1:${port}/ready`)).toBe(503);
    expect(await getStatus(`http://127.0.0.1:${port}/health`)).toBe(200);
    await done;
    expect(management.listening).toBe(false);
  });

  it('rejects invalid options with one line naming the option', () => {
    const health = makeHealth();
    const server = createServer();
    expect(() => health.gracefulShutdown(server, { delayMs: -1 })).toThrow(
      'gracefulShutdown: "delayMs" must be a number from 0 to',
    );
  });
});
