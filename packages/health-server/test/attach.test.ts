import { Agent, createServer, request } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, getStatus, listen, makeHealth, waitFor } from './helpers.js';

afterEach(cleanup);

function connectionHeader(
  url: string,
  agent?: Agent,
): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }),
      );
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
      const options = { delayMs: 0, idleCloseMs: 60_000, signals: [], exit: false as const };
      let controller: ReturnType<typeof health.gracefulShutdown>;
      if (order === 'shutdown first') {
        controller = health.gracefulShutdown(server, options);
        health.attach(server);
      } else {
        health.attach(server);
        controller = health.gracefulShutdown(server, options);
      }
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      expect(await connectionHeader(`${url}/health`, agent), order).toMatchObject({
        connection: 'keep-alive',
      });
      expect(await getStatus(`${url}/ready`), order).toBe(200);
      void controller.shutdown();
      await waitFor(() => !server.listening);
      // The listener is closed at once; the idle keep-alive socket still gets its answer.
      expect(await connectionHeader(`${url}/ready`, agent), order).toEqual({
        status: 503,
        connection: 'close',
      });
      agent.destroy();
      controller.dispose();
    }
  });
});
