import { redact } from '../redact.js';
import { oneLine, truncate } from '../text/truncate.js';

/** The result of one HTTP attempt; never an exception. */
export type AttemptResult =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  | { kind: 'network'; error: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

export interface PostRequest {
  /** May carry a secret (a webhook token): used for fetch and dropped. */
  url: string;
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * POSTs JSON once with global fetch. The request is aborted when the caller's signal
 * aborts or `timeoutMs` passes; errors become one redacted line without the URL.
 */
export async function postOnce(request: PostRequest): Promise<AttemptResult> {
  if (request.signal.aborted) return { kind: 'aborted' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const onAbort = () => controller.abort();
  request.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      signal: controller.signal,
      redirect: 'error',
    });
    const body = await response.text();
    return { kind: 'response', status: response.status, headers: response.headers, body };
  } catch (error) {
    if (request.signal.aborted) return { kind: 'aborted' };
    if (timedOut) return { kind: 'timeout' };
    return { kind: 'network', error: describeNetworkError(error) };
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onAbort);
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
};

/** One line for a fetch failure, from its cause's code when there is one; never the URL. */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code && NETWORK_CODES[code]) return `network error: ${NETWORK_CODES[code]} (${code})`;
  const message =
    typeof cause?.message === 'string'
      ? cause.message
      : error instanceof Error
        ? error.message
        : String(error);
  return `network error: ${truncate(oneLine(redact(message)), 200)}`;
}
