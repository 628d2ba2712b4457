import { badRequest } from '../api/api-error.js';
import type { Obj } from './object-store.js';

/** The fields each kind can be selected by, as kube-apiserver registers them. */
const FIELDS: Record<string, Record<string, (o: Obj) => string>> = {
  '*': {
    'metadata.name': (o) => o.metadata?.name ?? '',
    'metadata.namespace': (o) => o.metadata?.namespace ?? '',
  },
  Pod: {
    'status.phase': (o) => o.status?.phase ?? '',
    'spec.nodeName': (o) => o.spec?.nodeName ?? '',
  },
};

/** `metadata.name=x,status.phase!=Running` as a predicate; unknown fields are a 400. */
export function parseFieldSelector(text: string, kind: string): (o: Obj) => boolean {
  const tests: Array<(o: Obj) => boolean> = [];
  for (const term of text.split(',').filter((t) => t.trim())) {
    const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term.trim());
    if (!match) throw badRequest(`invalid selector: '${term}'; can't understand '${term}'`);
    const [, field, op, value] = match as unknown as [string, string, string, string];
    const get = FIELDS['*']![field] ?? FIELDS[kind]?.[field];
    if (!get)
      throw badRequest(
        `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    tests.push((o) => (op === '!=' ? get(o) !== value : get(o) === value));
  }
  return (o) => tests.every((t) => t(o));
}
