import type { IncomingHttpHeaders } from 'node:http';

/** A request the checks make through the suite's HTTP client. */
export interface HttpRequest {
  /** Default `GET`. */
  method?: string;
  /** Path appended to the target's base path (may carry a query). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Largest body to read, in bytes. Default: the client's. */
  maxBodyBytes?: number;
  /** Timeout of this request in ms. Default: the client's. */
  timeoutMs?: number;
}

/** The server answered (any status); the body was read completely within the cap. */
export interface HttpAnswer {
  ok: true;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: number;
  durationMs: number;
}

/** No usable answer: refused, timed out, reset, too large, redirect loop, TLS, ... */
export interface HttpFailure {
  ok: false;
  /** One line: what was expected and what happened. */
  reason: string;
  durationMs: number;
}

export type HttpExchange = HttpAnswer | HttpFailure;
