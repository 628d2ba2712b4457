import type { ServerResponse } from 'node:http';
import { ApiError } from '../api/api-error.js';
import type { ResourceType } from '../api/resource-types.js';
import type { Obj, ObjectStore } from '../store/object-store.js';

export interface WatchRequest {
  type: ResourceType;
  /** '' for every namespace. */
  namespace: string;
  matches: (o: Obj) => boolean;
  /** Start after this resourceVersion; undefined or 0: send every current object as ADDED first. */
  resourceVersion?: number;
  timeoutMs: number;
}

/**
 * A watch as kube-apiserver streams it: one JSON event per line (`ADDED`, `MODIFIED`,
 * `DELETED`), replayed from the requested resourceVersion, `ERROR` with a 410 Status when
 * that version is too old, and the stream closed after timeoutSeconds.
 */
export function streamWatch(store: ObjectStore, request: WatchRequest, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    'transfer-encoding': 'chunked',
    'cache-control': 'no-cache',
  });
  res.flushHeaders();
  const inScope = (o: Obj) =>
    (!request.namespace ||
      !request.type.namespaced ||
      o.metadata.namespace === request.namespace) &&
    request.matches(o);
  const send = (type: string, object: Obj) => res.write(`${JSON.stringify({ type, object })}\n`);
  const rv = request.resourceVersion;
  if (rv && rv < store.oldestWatchable) {
    const gone = new ApiError(
      410,
      'Expired',
      `too old resource version: ${rv} (${store.oldestWatchable})`,
    );
    send('ERROR', gone.toStatus());
    res.end();
    return;
  }
  if (rv) {
    for (const e of store.eventsSince(rv))
      if (e.resource === request.type && inScope(e.object)) send(e.type, e.object);
  } else {
    for (const o of store.list(request.type, request.namespace || undefined))
      if (request.matches(o)) send('ADDED', o);
  }
  const unsubscribe = store.subscribe((e) => {
    if (e.resource === request.type && inScope(e.object)) send(e.type, e.object);
  });
  const timer = setTimeout(() => res.end(), request.timeoutMs);
  res.on('close', () => {
    clearTimeout(timer);
    unsubscribe();
  });
}
