import type { Obj } from '../../src/index.js';

/** A raw call to the fake, as a client library makes it. */
export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Obj; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Obj = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, json, headers: res.headers };
}

export const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

export function deployment(name: string, image: string, replicas = 1) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image }] },
      },
    },
  };
}

/** Reads a watch stream until `count` events arrived or the time is up. */
export async function watchEvents(
  url: string,
  path: string,
  count: number,
  timeoutMs = 10_000,
): Promise<Array<{ type: string; object: Obj }>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: Array<{ type: string; object: Obj }> = [];
  try {
    const res = await fetch(`${url}${path}`, { signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        events.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
      }
      if (events.length >= count) break;
    }
  } catch {
    // aborted at the deadline: return what came
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
