import { createServer } from 'node:http';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, listen, makeHealth, requestsTotal } from './helpers.js';

afterEach(cleanup);

describe('metricsMiddleware() wherever it is mounted', () => {
  it('records every request once, those in flight on its first request included', async () => {
    const health = makeHealth();
    const app = express();
    app.use(health.metricsMiddleware());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get('/orders/:id', async (req, res) => {
      if (req.query.wait === '1') await gate;
      res.json({ id: req.params.id });
    });
    const url = await listen(createServer(app));
    const waiting = [1, 2, 3].map((id) => fetch(`${url}/orders/${id}?wait=1`));
    // Give the three requests time to reach their handler before releasing them.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${url}/orders/4`)).status).toBe(200);
    release();
    expect((await Promise.all(waiting)).map((res) => res.status)).toEqual([200, 200, 200]);
    expect((await fetch(`${url}/orders/5`)).status).toBe(200);
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect(await requestsTotal(health)).toEqual([
      'http_requests_total{method="GET",route="/orders/:id",status_code="200"} 5',
      'http_requests_total{method="GET",route="<unmatched>",status_code="404"} 1',
    ]);
  });

  it('records only the requests under its mount path when mounted under one', async () => {
    const health = makeHealth();
    const app = express();
    app.use('/api', health.metricsMiddleware());
    app.get('/api/orders', (_req, res) => {
      res.send('orders');
    });
    app.get('/home', (_req, res) => {
      res.send('home');
    });
    for (let i = 0; i < 3; i++) {
      await request(app).get('/api/orders').expect(200);
      await request(app).get('/home').expect(200);
    }
    expect(await requestsTotal(health)).toEqual([
      'http_requests_total{method="GET",route="/api/orders",status_code="200"} 3',
    ]);
  });

  it('leaves out the requests that a middleware mounted before it answered', async () => {
    const health = makeHealth();
    const app = express();
    app.use((req, res, next) => {
      if (req.path === '/early') res.send('early');
      else next();
    });
    app.use(health.metricsMiddleware());
    app.get('/late', (_req, res) => {
      res.send('late');
    });
    for (let i = 0; i < 3; i++) {
      await request(app).get('/early').expect(200, 'early');
      await request(app).get('/late').expect(200, 'late');
    }
    expect(await requestsTotal(health)).toEqual([
      'http_requests_total{method="GET",route="/late",status_code="200"} 3',
    ]);
  });

  it('in a sub-app, records the requests of that sub-app by their full template', async () => {
    const health = makeHealth();
    const admin = express();
    admin.use(health.metricsMiddleware());
    admin.get('/users/:id', (_req, res) => {
      res.send('user');
    });
    const app = express();
    app.use('/admin', admin);
    app.get('/home', (_req, res) => {
      res.send('home');
    });
    for (let i = 0; i < 3; i++) {
      await request(app).get('/admin/users/7').expect(200);
      await request(app).get('/home').expect(200);
    }
    expect(await requestsTotal(health)).toEqual([
      'http_requests_total{method="GET",route="/admin/users/:id",status_code="200"} 3',
    ]);
  });

  it('in an express.Router(), records the requests that reach that router', async () => {
    const health = makeHealth();
    const api = express.Router();
    api.use(health.metricsMiddleware());
    api.get('/orders/:id', (_req, res) => {
      res.send('order');
    });
    const app = express();
    app.use('/api', api);
    app.get('/home', (_req, res) => {
      res.send('home');
    });
    for (let i = 0; i < 3; i++) {
      await request(app).get('/api/orders/1').expect(200);
      await request(app).get('/home').expect(200);
    }
    expect(await requestsTotal(health)).toEqual([
      'http_requests_total{method="GET",route="/api/orders/:id",status_code="200"} 3',
    ]);
  });

  it('records routes added to the app after its first request', async () => {
    const health = makeHealth();
    const app = express();
    const metrics = health.metricsMiddleware();
    app.use(metrics);
    app.get('/a', (_req, res) => {
      res.send('a');
    });
    await request(app).get('/a').expect(200);
    app.get('/b', (_req, res) => {
      res.send('b');
    });
    await request(app).get('/b').expect(200);
    await request(app).get('/a').expect(200);
    expect(await requestsTotal(health)).toEqual([
      'http_requests_total{method="GET",route="/a",status_code="200"} 2',
      'http_requests_total{method="GET",route="/b",status_code="200"} 1',
    ]);
  });
});
