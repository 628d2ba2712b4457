/** What a failed call was about, for the advice in its message. */
export interface CallSubject {
  /** kubeconfig, context and user, from loadKubeconfig(). */
  source: string;
  server: string;
}

const FORBIDDEN =
  /User "([^"]*)" cannot (\w+) resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]+)")?/;

/**
 * An API or transport error in one line that says what to do: 401 names the credentials
 * that were refused, 403 the user, verb and resource and the Role rule that would allow
 * it, TLS and connection failures the server and the kubeconfig that pointed there.
 */
export function describeApiError(error: unknown, subject?: CallSubject): string {
  const e = error as {
    code?: number;
    body?: unknown;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (typeof e?.code === 'number') {
    const message = statusMessage(e.body);
    if (e.code === 401)
      return `401 Unauthorized: ${subject?.server ?? 'the API server'} did not accept the credentials of ${subject?.source ?? 'the kubeconfig'}; renew them (a token or exec plugin that expired, a client certificate the cluster does not trust)`;
    if (e.code === 403) {
      const m = FORBIDDEN.exec(message);
      if (m) {
        const [, user, verb, resource, group, namespace] = m as unknown as string[];
        const where = namespace ? `in namespace ${namespace}` : 'at cluster scope';
        return `403 Forbidden: user "${user}" may not ${verb} ${resource} ${where}; allow it with a Role rule {apiGroups: ["${group}"], resources: ["${resource}"], verbs: ["${verb}"]} bound to that user (see deploy/kubernetes/base/canary-runner-rbac.yaml)`;
      }
    }
    return `${e.code}${message ? ` ${message}` : ''}`;
  }
  const cause: { code?: string; message?: string } | undefined =
    e?.cause ?? (e as { code?: string });
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const text = (cause?.message ?? e?.message ?? String(error)).split('\n')[0]!;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|certificate/i.test(`${code} ${text}`))
    return `TLS to ${subject?.server ?? 'the API server'} failed (${text}): the certificate authority in ${subject?.source ?? 'the kubeconfig'} does not vouch for the server; fetch the cluster's CA again`;
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET/.test(`${code} ${text}`))
    return `cannot reach ${subject?.server ?? 'the API server'} (${code || text}) from ${subject?.source ?? 'the kubeconfig'}; is the cluster up and the server address right?`;
  return text;
}

function statusMessage(body: unknown): string {
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    return (parsed as { message?: string })?.message ?? '';
  } catch {
    return String(body ?? '');
  }
}
