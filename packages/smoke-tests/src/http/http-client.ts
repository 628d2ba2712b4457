import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { resolvePath } from '../target.js';
import type { HttpExchange, HttpRequest } from './http-types.js';
import { guardedLookup, redirectRefusal } from './redirect-policy.js';
import { type HopOptions, isRedirect, requestOnce } from './request-once.js';
import { tlsConnectOptions } from './tls-options.js';

type Hop = Pick<HopOptions, 'url' | 'method' | 'headers' | 'body' | 'agent'>;

export interface HttpClientOptions {
  base: URL;
  /** Per-request timeout in ms, redirects included. */
  timeoutMs: number;
  /** Default cap on a body, in bytes. */
  maxBodyBytes: number;
  /** Sent with every request; a request's own headers win. */
  headers: Record<string, string>;
  insecure?: boolean;
  ca?: string;
  lookup?: LookupFunction;
  /** Aborts every request in flight (run deadline, caller's signal). */
  signal?: AbortSignal;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /**
   * Follow redirects to other origins too. Default false: a redirect is followed only within
   * the target's origin (scheme, host and port), so a smoke passes only on what the target
   * itself answered. Even when true, no configured header (tokens, API keys, the target's
   * Basic credentials) goes to another origin, and link-local and cloud-metadata addresses
   * (169.254.169.254 and the like) are never followed to.
   */
  allowCrossOriginRedirects?: boolean;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpExchange>;
  /** Closes kept-alive connections. */
  close(): void;
}

/** What may go to another origin of the request's headers: describing the body, nothing else. */
const CROSS_ORIGIN_HEADERS = ['content-type', 'content-length', 'accept'];

/**
 * The suite's HTTP client on node:http(s) directly, for control over what fetch hides:
 * one deadline across connect, headers, body and redirects, a body cap, a bounded number
 * of redirects with loop detection, and connections kept alive across the checks.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const agentOptions = { keepAlive: true, maxSockets: 8 };
  // A redirect may switch between http and https: each scheme has its own agent.
  const agents = {
    'http:': new http.Agent(agentOptions),
    'https:': new https.Agent({ ...agentOptions, ...tlsConnectOptions(options) }),
  };
  const maxRedirects = options.maxRedirects ?? 5;
  const allowCrossOrigin = options.allowCrossOriginRedirects === true;
  const redirectLookup = guardedLookup(options.lookup);
  const baseHeaders = lowerCaseKeys(options.headers);

  async function request(req: HttpRequest): Promise<HttpExchange> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    let url = resolvePath(options.base, req.path);
    let method = (req.method ?? 'GET').toUpperCase();
    let body = req.body;
    let headers = { ...baseHeaders, ...lowerCaseKeys(req.headers ?? {}) };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const visited = [url.href];
    const target = url;
    for (let redirects = 0; ; redirects++) {
      const hop = { url, method, headers, body, agent: agents[url.protocol as 'http:' | 'https:'] };
      const lookup = redirects === 0 ? options.lookup : redirectLookup;
      let result = await requestOnce(hopOptions(hop, elapsed(), lookup));
      if (!result.ok && result.retryable)
        result = await requestOnce(hopOptions(hop, elapsed(), lookup));
      if (!result.ok) return { ok: false, reason: result.reason, durationMs: elapsed() };
      if (!isRedirect(result.status)) {
        return { ...result, ok: true, url: url.href, redirects, durationMs: elapsed() };
      }
      const next = new URL(String(result.headers.location), url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return fail(`HTTP ${result.status} redirects to a non-HTTP URL (${next.protocol})`);
      }
      if (visited.includes(next.href)) {
        return fail(`redirect loop: ${[...visited, next.href].map(shortPath).join(' -> ')}`);
      }
      if (redirects + 1 > maxRedirects) {
        return fail(`more than ${maxRedirects} redirects (last to ${shortPath(next.href)})`);
      }
      const refusal = redirectRefusal(result.status, target, next, allowCrossOrigin);
      if (refusal) return fail(refusal);
      if (next.origin !== target.origin) {
        headers = crossOriginHeaders(headers);
        next.username = '';
        next.password = '';
      }
      // 303, and 301/302 after a POST, turn into a GET without a body, as browsers do.
      if (
        result.status === 303 ||
        ((result.status === 301 || result.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
        delete headers['content-length'];
        delete headers['content-type'];
      }
      visited.push(next.href);
      url = next;
    }

    function fail(reason: string): HttpExchange {
      return { ok: false, reason, durationMs: elapsed() };
    }

    function hopOptions(hop: Hop, spentMs: number, lookup: LookupFunction | undefined): HopOptions {
      return {
        ...hop,
        remainingMs: (req.timeoutMs ?? options.timeoutMs) - spentMs,
        timeoutMs: req.timeoutMs ?? options.timeoutMs,
        maxBodyBytes: req.maxBodyBytes ?? options.maxBodyBytes,
        ...(lookup ? { lookup } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      };
    }
  }

  return {
    request,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Configured headers (`X-Api-Key`, `Authorization`, cookies, ...) never leave the target's origin. */
function crossOriginHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([k]) => CROSS_ORIGIN_HEADERS.includes(k)),
  );
}

function shortPath(href: string): string {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
}
