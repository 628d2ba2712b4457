import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { deployDir, runTool } from './run-tool.js';

const scratch = mkdtempSync(join(tmpdir(), 'n1v1-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Dashboard {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
}

/** Grafana fills these in before a query reaches Prometheus; promtool needs them filled too. */
function asPrometheusQuery(expr: string): string {
  return expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m');
}

describe('the Prometheus alerting rules', () => {
  it('pass promtool check rules', () => {
    const result = runTool('promtool', ['check', 'rules', 'prometheus/alerts.yaml']);
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('pass their promtool unit tests (canary down, 5 % errors, slow p99)', () => {
    const result = runTool('promtool', ['test', 'rules', 'alerts.test.yaml'], {
      cwd: join(deployDir, 'prometheus'),
    });
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('page when the canary job has been down for five minutes', () => {
    const rules = parse(readFileSync(join(deployDir, 'prometheus/alerts.yaml'), 'utf8'));
    const alerts = rules.groups.flatMap(
      (group: { rules: Array<Record<string, string>> }) => group.rules,
    );
    expect(alerts).toContainEqual(
      expect.objectContaining({
        alert: 'N1V1CanaryUnhealthy',
        expr: 'up{job="n1v1-canary"} == 0',
        for: '5m',
      }),
    );
    expect(alerts.map((rule: Record<string, string>) => rule.alert)).toEqual(
      expect.arrayContaining(['N1V1HighErrorRate', 'N1V1HighP99Latency']),
    );
  });

  it('reject a rule file with a broken query, so the check above can fail', () => {
    const broken = join(scratch, 'broken.yaml');
    writeFileSync(
      broken,
      stringify({ groups: [{ name: 'x', rules: [{ alert: 'X', expr: 'sum(rate(x[5m])' }] }] }),
    );
    const result = runTool('promtool', ['check', 'rules', broken]);
    expect(result.status).not.toBe(0);
  });
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(
    readFileSync(join(deployDir, 'grafana/n1v1-dashboard.json'), 'utf8'),
  ) as Dashboard;
  const queries = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));

  it('shows request rate, error rate, p99 latency and readiness, canary beside stable', () => {
    const titles = dashboard.panels.map((panel) => panel.title.toLowerCase()).join(' | ');
    for (const word of ['request rate', 'error rate', 'p99', 'readiness'])
      expect(titles).toContain(word);
    for (const query of queries) expect(query).toContain('n1v1|n1v1-canary');
  });

  it('has only queries that parse, checked by promtool as recording rules', () => {
    const file = join(scratch, 'dashboard-queries.yaml');
    const rules = queries.map((expr, i) => ({
      record: `dashboard:query_${i}`,
      expr: asPrometheusQuery(expr),
    }));
    writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
    const result = runTool('promtool', ['check', 'rules', file]);
    expect(result.stdout + result.stderr).toContain(`SUCCESS: ${queries.length} rules found`);
    expect(result.status).toBe(0);
  });
});
