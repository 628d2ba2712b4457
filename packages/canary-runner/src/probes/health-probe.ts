import { describeFetchError, httpRequest } from './http-get.js';

/** One probe of a target's `/health` and `/ready`. */
export interface ProbeResult {
  ok: boolean;
  /** One line: which endpoint failed and how, or "health 200, ready 200". */
  detail: string;
}

/**
 * Probes liveness and readiness as the contract defines them: 200 with status pass/warn
 * is healthy; anything else (503, a timeout, a refused connection) is a failure, named.
 */
export async function probeHealth(
  baseUrl: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const results = await Promise.all(
    ['/health', '/ready'].map((path) => probeOne(baseUrl, path, timeoutMs, signal)),
  );
  const failed = results.find((r) => !r.ok);
  return failed ?? { ok: true, detail: results.map((r) => r.detail).join(', ') };
}

export async function probeOne(
  baseUrl: string,
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  try {
    const answer = await httpRequest(new URL(path, baseUrl).href, {
      timeoutMs,
      ...(signal ? { signal } : {}),
    });
    const status = healthStatus(answer.body);
    const ok = answer.status === 200 && status !== 'fail';
    return {
      ok,
      detail: `GET ${path} answered ${answer.status}${status ? ` (${status}${failingChecks(answer.body)})` : ''}`,
    };
  } catch (error) {
    return { ok: false, detail: `GET ${path} ${describeFetchError(error, timeoutMs)}` };
  }
}

function healthStatus(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { status?: unknown };
    return typeof parsed.status === 'string' ? parsed.status : undefined;
  } catch {
    return undefined;
  }
}

/** Names of failing checks in a health+json body: "exchange:connectivity". */
function failingChecks(body: string): string {
  try {
    const checks =
      (JSON.parse(body) as { checks?: Record<string, Array<{ status?: string }>> }).checks ?? {};
    const failing = Object.entries(checks)
      .filter(([, list]) => Array.isArray(list) && list.some((c) => c.status === 'fail'))
      .map(([name]) => name);
    return failing.length ? `: ${failing.join(', ')} failing` : '';
  } catch {
    return '';
  }
}
