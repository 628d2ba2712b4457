import type { CheckDefinition, CheckOutcome } from '../checks/check-types.js';
import { HealthError } from '../health-error.js';
import { numberIn } from '../validate.js';
import { latencyOutcome } from './latency-outcome.js';

/** Options of {@link http}. */
export interface HttpCheckOptions {
  /** http(s) URL to request. Credentials in it never appear in outputs. */
  url: string;
  /** Default `GET`. */
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  /** Accepted status: a code, a list, or a predicate. Default 200-399 (redirects are not followed). */
  expectStatus?: number | number[] | ((status: number) => boolean);
  /** Judges the body (read up to `maxBodyBytes`): false fails the check. */
  body?: (text: string) => boolean;
  /** Longest body read for `body`, in bytes. Default 65536. */
  maxBodyBytes?: number;
  /** Response time above which the check warns, in ms. Default: never warns. */
  warnMs?: number;
}

/** Passes when the URL answers an expected status (and body). Observes the response time in ms. */
export function http(options: HttpCheckOptions): CheckDefinition {
  const where = 'checks.http()';
  const target = parseUrl(options?.url, where);
  const shown = `${target.origin}${target.pathname}`;
  const accepts = statusPredicate(options.expectStatus, where);
  const maxBodyBytes = numberIn(where, 'maxBodyBytes', options.maxBodyBytes, 65_536, 1);
  const warnMs = numberIn(
    where,
    'warnMs',
    options.warnMs,
    Number.POSITIVE_INFINITY,
    0,
    Number.POSITIVE_INFINITY,
  );
  const headers = new Headers(options.headers);
  if (target.username || target.password) {
    headers.set(
      'authorization',
      `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`,
    );
    target.username = '';
    target.password = '';
  }
  return {
    measurement: 'responseTime',
    componentType: 'component',
    async run({ signal }): Promise<CheckOutcome> {
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(target, {
          method: options.method ?? 'GET',
          headers,
          redirect: 'manual',
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw new HealthError('E_TARGET_UNREACHABLE', `cannot reach ${shown}: ${causeOf(error)}`);
      }
      const bodyOk = options.body ? options.body(await readCapped(response, maxBodyBytes)) : true;
      if (!options.body) await response.body?.cancel();
      if (!accepts(response.status)) {
        throw new HealthError('E_UNEXPECTED_RESPONSE', `${shown} answered ${response.status}`);
      }
      if (!bodyOk) {
        throw new HealthError(
          'E_UNEXPECTED_RESPONSE',
          `${shown} answered ${response.status} with a body the check rejected`,
        );
      }
      return latencyOutcome(performance.now() - started, warnMs);
    },
  };
}

function parseUrl(url: unknown, where: string): URL {
  try {
    const parsed = new URL(String(url));
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed;
  } catch {}
  throw new HealthError(
    'E_CONFIG_INVALID',
    `${where}: "url" must be an http(s) URL such as "http://127.0.0.1:8080/health"`,
  );
}

function statusPredicate(
  expect: HttpCheckOptions['expectStatus'],
  where: string,
): (status: number) => boolean {
  if (expect === undefined) return (status) => status >= 200 && status < 400;
  if (typeof expect === 'function') return expect;
  const list = Array.isArray(expect) ? expect : [expect];
  if (
    list.length === 0 ||
    !list.every((code) => Number.isInteger(code) && code >= 100 && code <= 599)
  ) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: "expectStatus" must be status codes from 100 to 599, or a function`,
    );
  }
  return (status) => list.includes(status);
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  return cause instanceof Error ? cause.message : String(cause);
}
