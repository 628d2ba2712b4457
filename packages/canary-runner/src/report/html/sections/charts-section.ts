import type { LookRecord } from '../../../run/report-types.js';
import type { RunView } from '../../run-view.js';
import { type Html, html } from '../escape-html.js';
import { fmt } from '../format-figures.js';
import { type ChartSeries, svgLineChart } from '../svg-line-chart.js';

export interface ChartLabels {
  canary: string;
  baseline: string;
}

/**
 * Requests, error rate and p99 of each interval look, canary against baseline, with the
 * absolute limits and the tolerance over the baseline drawn, and the failed look marked.
 */
export function chartsSection(
  looks: LookRecord[],
  view: RunView,
  labels: ChartLabels,
  intervalSec?: number,
): Html {
  const intervals = looks.filter((l) => l.kind === 'interval');
  if (intervals.length === 0)
    return html`<p class="muted">No look was recorded, so there is nothing to chart.</p>`;
  const x = (l: LookRecord) =>
    Number.isFinite(l.elapsedSec) ? l.elapsedSec : l.index * (intervalSec ?? 1);
  const line = (
    name: string,
    role: ChartSeries['role'],
    y: (l: LookRecord) => number | null | undefined,
  ): ChartSeries => ({ name, role, points: intervals.map((l) => [x(l), y(l) ?? null]) });
  const checkLimit = (names: string[]) => (l: LookRecord) =>
    l.checks.find((c) => names.includes(c.name) && c.status !== 'insufficient')?.limit;
  const hasBaseline = intervals.some((l) => l.baseline);
  const markers = looks
    .filter((l) => l.status === 'fail')
    .map((l) => ({ x: x(l), label: `look ${l.index} failed: ${l.reason ?? ''}` }));
  // A limit spans the whole chart, even when there is only one look.
  const xEnd = Math.max(...intervals.map(x));
  const constant = (name: string, value: number | undefined): ChartSeries[] =>
    value === undefined
      ? []
      : [
          {
            name,
            role: 'limit',
            points: [
              [0, value],
              [xEnd, value],
            ],
          },
        ];
  const requests = svgLineChart({
    title: 'Requests per look',
    formatY: (y) => String(Math.round(y)),
    series: [
      line(labels.canary, 'canary', (l) => l.canary?.requests),
      ...(hasBaseline ? [line(labels.baseline, 'baseline', (l) => l.baseline?.requests)] : []),
    ],
    markers,
  });
  const errors = svgLineChart({
    title: 'Error rate (status >= 500)',
    formatY: (y) => fmt.pct(y),
    series: [
      line(labels.canary, 'canary', (l) => l.canary?.errorRate),
      ...(hasBaseline ? [line(labels.baseline, 'baseline', (l) => l.baseline?.errorRate)] : []),
      ...constant(`limit ${fmt.pct(view.thresholds?.maxErrorRate)}`, view.thresholds?.maxErrorRate),
      ...(hasBaseline
        ? [line('tolerated vs baseline', 'tolerance', checkLimit(['error-rate-vs-baseline']))]
        : []),
    ],
    markers,
  });
  const p99 = svgLineChart({
    title: 'p99 latency',
    formatY: (y) => fmt.ms(y),
    series: [
      line(labels.canary, 'canary', (l) => l.canary?.p99Ms),
      ...(hasBaseline ? [line(labels.baseline, 'baseline', (l) => l.baseline?.p99Ms)] : []),
      ...constant(`limit ${fmt.ms(view.thresholds?.maxP99Ms)}`, view.thresholds?.maxP99Ms),
      ...(hasBaseline
        ? [
            line(
              'tolerated vs baseline',
              'tolerance',
              checkLimit(['latency-vs-baseline', 'tail-vs-baseline']),
            ),
          ]
        : []),
    ],
    markers,
  });
  return html`<div class="charts">${requests}${errors}${p99}</div>`;
}
