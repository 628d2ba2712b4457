/** The answer of one bounded HTTP request. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * One HTTP request with a hard timeout, through Node's fetch. Never hangs the run: a target
 * that stalls is exactly what the runner must notice.
 */
export async function httpRequest(
  url: string,
  options: {
    timeoutMs: number;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<HttpAnswer> {
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    ...(options.body === undefined ? {} : { body: options.body }),
    headers: options.headers ?? {},
    signal: AbortSignal.any(signals),
  });
  return { status: response.status, body: await response.text() };
}

/** A fetch failure in one line: "timed out after 2000 ms", "connection refused", ... */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError')
    return `timed out after ${timeoutMs} ms`;
  if (err?.cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (err?.cause?.code)
    return `${err.cause.code}${err.cause.message ? `: ${err.cause.message}` : ''}`;
  if (err?.cause?.message) return err.cause.message;
  return err?.message ?? String(error);
}
