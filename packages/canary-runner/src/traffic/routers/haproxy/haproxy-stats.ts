import type { RoutedCounts } from '../traffic-router.js';
import { HAPROXY_NAMES } from './haproxy-config.js';

const RESPONSE_FIELDS = ['hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other'];

/**
 * Responses each version sent through haproxy, from the CSV of `show stat`: the sum of the
 * `hrsp_*` counters of its servers in both backends. Errors haproxy made itself (503 with
 * no server up) belong to no server and are not counted.
 */
export function routedCounts(csv: string): RoutedCounts {
  const lines = csv.split('\n').filter((l) => l.trim());
  const header = lines[0]?.replace(/^#\s*/, '').split(',') ?? [];
  const col = (name: string) => header.indexOf(name);
  const counts: RoutedCounts = { stable: 0, canary: 0 };
  const ours: string[] = [HAPROXY_NAMES.weighted, HAPROXY_NAMES.canaryOnly];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const server = cells[col('svname')];
    if (!ours.includes(cells[col('pxname')] ?? '')) continue;
    if (server !== 'stable' && server !== 'canary') continue;
    for (const field of RESPONSE_FIELDS) counts[server] += Number(cells[col(field)]) || 0;
  }
  return counts;
}
