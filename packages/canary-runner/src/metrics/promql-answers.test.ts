import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CanaryError } from '../canary-error.js';
import { instantQuery } from './promql.js';

let server: Server | undefined;

/** A stand-in Prometheus answering every query with this status and body. */
async function answering(status: number, body: unknown): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('instantQuery answers', () => {
  it('reads a scalar answer as one series without labels', async () => {
    const url = await answering(200, {
      status: 'success',
      data: { resultType: 'scalar', result: [1700000000, '0.25'] },
    });
    await expect(instantQuery(url, 'scalar(up)', 5000)).resolves.toEqual([
      { metric: {}, value: 0.25 },
    ]);
  });

  it('reads +Inf and NaN sample values as numbers the caller can test', async () => {
    const url = await answering(200, {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { le: '+Inf' }, value: [1, '+Inf'] },
          { metric: { le: '0.1' }, value: [1, 'NaN'] },
        ],
      },
    });
    const series = await instantQuery(url, 'x', 5000);
    expect(series[0]?.value).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(series[1]?.value)).toBe(true);
  });

  it('refuses a range answer, saying an instant vector was expected', async () => {
    const url = await answering(200, {
      status: 'success',
      data: { resultType: 'matrix', result: [] },
    });
    const error = await instantQuery(url, 'up[5m]', 5000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanaryError);
    expect(error).toMatchObject({
      code: 'E_METRICS',
      message: 'Prometheus answered a matrix for up[5m]; expected an instant vector',
    });
  });

  it('reports the HTTP status when Prometheus says error without a message', async () => {
    const url = await answering(503, { status: 'error' });
    await expect(instantQuery(url, 'up', 5000)).rejects.toMatchObject({
      code: 'E_METRICS',
      message: 'Prometheus rejected up: status 503',
    });
  });

  it('says the server is not a Prometheus API when the answer is not JSON', async () => {
    const url = await answering(200, '<html>login</html>');
    await expect(instantQuery(url, 'up', 5000)).rejects.toMatchObject({
      code: 'E_METRICS',
      message: 'Prometheus answered 200 without a query result for up; check metrics.url',
    });
  });
});
