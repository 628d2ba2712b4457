import { badRequest } from '../api/api-error.js';
import { findType, type ResourceType } from '../api/resource-types.js';

/** A request for objects of one kind: a collection, one object, or one of its subresources. */
export interface ResourceRoute {
  type: ResourceType;
  /** The namespace in the path; '' for a cluster-wide collection or a cluster-scoped kind. */
  namespace: string;
  name?: string;
  subresource?: 'status' | 'scale';
}

/** Parses /api/v1/... and /apis/<group>/<version>/...; undefined when no served kind matches. */
export function parseResourcePath(pathname: string): ResourceRoute | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    [group, version, rest] = ['', parts[1]!, parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  } else return undefined;
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  const type = findType(group, version, rest[0]!);
  if (!type || rest.length > 3) return undefined;
  const subresource = rest[2];
  if (subresource && !type.subresources.includes(subresource as 'status')) return undefined;
  if (namespace && !type.namespaced) throw badRequest(`${type.plural} is not namespaced`);
  return {
    type,
    namespace,
    ...(rest[1] ? { name: rest[1] } : {}),
    ...(subresource ? { subresource: subresource as 'status' | 'scale' } : {}),
  };
}
