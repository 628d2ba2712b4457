import type { CheckResult } from '@n1v1/canary-analysis';
import type { LookRecord, TargetFigures } from '../../../run/report-types.js';
import { type Html, html } from '../escape-html.js';
import { fmt } from '../format-figures.js';

/** Every look's decision: its figures, and each check with its test, p-value and limit. */
export function looksSection(
  looks: LookRecord[],
  labels: { canary: string; baseline: string },
): Html {
  if (looks.length === 0) return html``;
  const rows = looks.map(
    (l) => html`<tr class="look ${l.status}" id="look-${l.kind}-${l.index}">
<td>${l.index}${l.kind === 'final' ? ' (whole window)' : ''}</td>
<td>${Number.isFinite(l.elapsedSec) ? `${l.elapsedSec} s` : '–'}</td>
<td><span class="badge ${l.status}">${l.status}</span></td>
<td>${figures(l.canary)}</td>
<td>${l.baseline === undefined ? '–' : figures(l.baseline)}</td>
<td>${l.health.ok ? 'ok' : `failing (${l.health.failuresInRow} in a row): ${l.health.detail}`}</td>
<td><ul class="checks">${l.checks.map(check)}</ul>${l.problems.length ? html`<p class="problem">${l.problems.join('; ')}</p>` : ''}</td>
</tr>`,
  );
  return html`<table class="looks"><thead><tr><th>look</th><th>at</th><th>decision</th><th>${labels.canary}</th><th>${labels.baseline}</th><th>health</th><th>checks: test, p-value, limit</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function figures(f: TargetFigures | null): Html {
  if (!f) return html`<span class="muted">no data</span>`;
  return html`${f.requests} req · ${fmt.pct(f.errorRate)} err · p99 ${fmt.ms(f.p99Ms)}`;
}

function check(c: CheckResult): Html {
  const limit =
    c.limit === undefined
      ? ''
      : c.name.includes('error')
        ? fmt.pct(c.limit)
        : c.name.startsWith('query:')
          ? String(c.limit)
          : fmt.ms(c.limit);
  return html`<li class="check ${c.status}"><b>${c.name}</b> <span class="badge ${c.status}">${c.status}</span> ${c.test ? html`<span class="test">${c.test}</span>` : ''} ${c.pValue === undefined ? '' : html`p=${fmt.p(c.pValue)}${c.alpha === undefined ? '' : html` (alpha ${fmt.p(c.alpha)})`}`} ${limit ? html`limit ${limit}` : ''}<br><span class="detail">${c.detail}</span></li>`;
}
