import { createServer, request } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, getStatus, listen, makeHealth } from './helpers.js';

afterEach(cleanup);

function connectionHeader(url: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.headers.connection));
    })
      .on('error', reject)
      .end();
  });
}

describe('health.attach(server)', () => {
  it('answers probes before the application runs and passes everything else through', async () => {
    const health = makeHealth();
    const app = express();
    let appSaw: string[] = [];
    app.use((req, _res, next) => {
      appSaw.push(req.url);
      next();
    });
    app.get('/orders', (_req, res) => {
      res.json([]);
    });
    const server = createServer(app);
    const url = await listen(server);
    const detach = health.attach(server);
    expect(await getStatus(`${url}/health`)).toBe(200);
    expect(await getStatus(`${url}/ready?probe=1`)).toBe(200);
    expect(await getStatus(`${url}/metrics`)).toBe(200);
    expect(await getStatus(`${url}/orders`)).toBe(200);
    expect(await getStatus(`${url}/missing`)).toBe(404);
    expect(appSaw).toEqual(['/orders', '/missing']);
    expect(server.listenerCount('request')).toBe(1);

    detach();
    appSaw = [];
    expect(await getStatus(`${url}/health`)).toBe(404);
    expect(appSaw).toEqual(['/health']);
  });

  it('leaves the shutdown tracker in front, so probes also close their connections while draining', async () => {
    for (const order of ['shutdown first', 'attach first']) {
      const health = makeHealth();
      const server = createServer(express());
      const url = await listen(server);
      let controller: ReturnType<typeof health.gracefulShutdown>;
      if (order === 'shutdown first') {
        controller = health.gracefulShutdown(server, { delayMs: 60_000, signals: [], exit: false });
        health.attach(server);
      } else {
        health.attach(server);
        controller = health.gracefulShutdown(server, { delayMs: 60_000, signals: [], exit: false });
      }
      void controller.shutdown();
      expect(await connectionHeader(`${url}/health`), order).toBe('close');
      expect(await getStatus(`${url}/ready`), order).toBe(503);
      controller.dispose();
    }
  });
});
