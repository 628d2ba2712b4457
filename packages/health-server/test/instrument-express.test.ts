import { createServer } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, listen, makeHealth, requestsTotal } from './helpers.js';

// In a file of its own: express's route accessor is put on express's request prototype once,
// by whichever test first meets it, and this test has to be the one that does.
afterEach(cleanup);

describe('instrument(app) around an express app', () => {
  it('records its routes by their full template, a request answered by an app-level error handler too', async () => {
    const health = makeHealth();
    const api = express.Router();
    api.get('/orders/:id', (_req, res) => {
      res.send('order');
    });
    api.get('/fail', (_req, _res, next) => {
      next(new Error('nope'));
    });
    const app = express();
    app.use('/api/v1', api);
    // An app-level error handler: the request has left the mounted router when it answers.
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: unknown) => {
      res.status(500).send('failed');
    });
    const url = await listen(createServer(health.instrument(app)));
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${url}/api/v1/orders/${i}`)).status).toBe(200);
      expect((await fetch(`${url}/api/v1/fail`)).status).toBe(500);
    }
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect(await requestsTotal(health)).toEqual([
      'http_requests_total{method="GET",route="/api/v1/fail",status_code="500"} 3',
      'http_requests_total{method="GET",route="/api/v1/orders/:id",status_code="200"} 3',
      'http_requests_total{method="GET",route="<unmatched>",status_code="404"} 1',
    ]);
  });
});
