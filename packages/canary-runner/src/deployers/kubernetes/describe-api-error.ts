/**
 * An API error of the Kubernetes client in one line: "404 deployments.apps "x" not found".
 * Apart from apps-api.ts so that the routers can use it without loading the client itself.
 */
export function describeApiError(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string };
  if (typeof e?.code === 'number') {
    let message = '';
    try {
      const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
      message = (body as { message?: string })?.message ?? '';
    } catch {
      message = String(e.body ?? '');
    }
    return `${e.code}${message ? ` ${message}` : ''}`;
  }
  return (e?.message ?? String(error)).split('\n')[0]!;
}
