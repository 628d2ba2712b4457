import autocannon from 'autocannon';

export interface LoadFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/**
 * A bounded autocannon run against a loopback URL. Every benchmark that sends load
 * goes through here so that duration and connections are always capped.
 */
export async function measureLoad(
  url: string,
  options: {
    connections?: number;
    durationSec?: number;
    method?: 'GET' | 'POST' | 'HEAD';
    body?: string;
  } = {},
): Promise<LoadFigures> {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(`benchmarks only send load to loopback, not ${target.hostname}`);
  }
  const durationSec = Math.min(options.durationSec ?? 5, 30);
  const result = await autocannon({
    url,
    connections: Math.min(options.connections ?? 50, 1000),
    duration: durationSec,
    method: options.method ?? 'GET',
    body: options.body,
    headers: options.body ? { 'content-type': 'application/json' } : undefined,
  });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
