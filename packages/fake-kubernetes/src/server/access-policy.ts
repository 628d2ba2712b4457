import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ApiError } from '../api/api-error.js';
import { qualifiedName, type ResourceType } from '../api/resource-types.js';

/** A rule of a Role: what a user may do. Empty lists never match; '*' matches anything. */
export interface AccessRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  /** Namespaces the rule holds in (a RoleBinding's); absent: every namespace (a ClusterRoleBinding). */
  namespaces?: string[];
}

/**
 * Who may call the fake and what they may do, like kube-apiserver's authenticators
 * (bearer tokens, client certificates by their CN) and RBAC. Without a policy every request
 * is allowed as `system:anonymous`.
 */
export interface AccessPolicy {
  /** Bearer token -> user name. */
  tokens?: Record<string, string>;
  /** Client certificates are accepted when signed by the server's `clientCa`; the CN is the user. */
  clientCertificates?: boolean;
  /** User name -> the rules bound to that user. A user without an entry may do nothing. */
  rules?: Record<string, AccessRule[]>;
}

/** The attributes of a request that RBAC judges. */
export interface RequestAttributes {
  verb: string;
  type: ResourceType;
  subresource?: string;
  namespace: string;
  name?: string;
}

export function authenticate(policy: AccessPolicy | undefined, req: IncomingMessage): string {
  if (!policy) return 'system:anonymous';
  const header = req.headers.authorization ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (token && policy.tokens?.[token]) return policy.tokens[token];
  const socket = req.socket as TLSSocket;
  if (policy.clientCertificates && socket.authorized) {
    const cn = socket.getPeerCertificate?.()?.subject?.CN;
    if (cn) return Array.isArray(cn) ? cn[0]! : cn;
  }
  throw new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function authorize(
  policy: AccessPolicy | undefined,
  user: string,
  a: RequestAttributes,
): void {
  if (!policy) return;
  const resource = a.subresource ? `${a.type.plural}/${a.subresource}` : a.type.plural;
  const allowed = (policy.rules?.[user] ?? []).some(
    (r) =>
      (!r.namespaces || r.namespaces.includes(a.namespace)) &&
      (r.apiGroups.includes('*') || r.apiGroups.includes(a.type.group)) &&
      (r.resources.includes('*') || r.resources.includes(resource)) &&
      (r.verbs.includes('*') || r.verbs.includes(a.verb)),
  );
  if (allowed) return;
  const subject = a.name ? `${qualifiedName(a.type)} "${a.name}"` : qualifiedName(a.type);
  const where =
    a.type.namespaced && a.namespace
      ? ` in the namespace "${a.namespace}"`
      : ' at the cluster scope';
  throw new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.type.group}"${where}`,
    { ...(a.name ? { name: a.name } : {}), group: a.type.group, kind: a.type.plural },
  );
}
