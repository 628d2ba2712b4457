import { badRequest } from '../api/api-error.js';

type Requirement = (labels: Record<string, string>) => boolean;

/**
 * A label selector in the query-string syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a` (exists) and `!a` (does not exist), comma-separated (all must hold).
 */
export function parseLabelSelector(text: string): Requirement {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const term = part.trim();
    if (!term) continue;
    const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set) {
      const [, key, op, values] = set as unknown as [string, string, string, string];
      const allowed = new Set(values.split(',').map((v) => v.trim()));
      requirements.push((l) => (op === 'in') === (key in l && allowed.has(l[key]!)));
      continue;
    }
    const eq = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
    if (eq) {
      const [, key, op, value] = eq as unknown as [string, string, string, string];
      requirements.push((l) => (op === '!=' ? l[key] !== value : l[key] === value));
      continue;
    }
    const exists = /^(!?)([\w./-]+)$/.exec(term);
    if (exists) {
      const [, not, key] = exists as unknown as [string, string, string];
      requirements.push((l) => key in l !== (not === '!'));
      continue;
    }
    throw badRequest(
      `unable to parse requirement: found '${term}', expected: key, !, in, notin, =, ==, !=`,
    );
  }
  return (labels) => requirements.every((r) => r(labels));
}

/** A labelSelector object (matchLabels, matchExpressions) as a predicate. */
export function matchesSelector(
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
  },
  labels: Record<string, string>,
): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    byLabels &&
    (selector.matchExpressions ?? []).every((e) => {
      const has = e.key in labels;
      const inValues = has && (e.values ?? []).includes(labels[e.key]!);
      if (e.operator === 'In') return inValues;
      if (e.operator === 'NotIn') return !inValues;
      if (e.operator === 'Exists') return has;
      return !has;
    })
  );
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
