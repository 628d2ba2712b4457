import type { RunView } from '../../run-view.js';
import { type Html, html } from '../escape-html.js';
import { fmt } from '../format-figures.js';

const GOOD = ['ready', 'promoted', 'passed', 'planned'];
const BAD = ['rolled-back', 'failed', 'promote-failed'];

/** The verdict and its reason, first: what a person opening the page came for. */
export function verdictSection(view: RunView): Html {
  const tone = GOOD.includes(view.verdict) ? 'good' : BAD.includes(view.verdict) ? 'bad' : 'alarm';
  const failed = [...view.looks, ...(view.bake?.looks ?? [])].find((l) => l.status === 'fail');
  const crossed = failed?.checks.find((c) => c.status === 'fail');
  return html`<section class="verdict ${tone}">
<h1><span class="verdict-word">${view.verdict.toUpperCase()}</span> ${view.service} ${view.version} in ${view.env}</h1>
<p class="reason">${view.reason || 'no reason recorded'}</p>
${
  failed
    ? html`<p class="failed-look">Failed at <a href="#look-${failed.kind}-${failed.index}">look ${failed.index}</a>${Number.isFinite(failed.elapsedSec) ? ` (${failed.elapsedSec} s)` : ''}${crossed ? html`: <b>${crossed.name}</b> ${crossed.detail}${crossed.limit === undefined ? '' : html` <span class="limit">(limit ${crossed.name.includes('error') ? fmt.pct(crossed.limit) : fmt.ms(crossed.limit)})</span>`}` : ''}</p>`
    : ''
}
${view.finished ? '' : html`<p class="alarm-note">The journal has no end: the run died half-way. The next run of ${view.env} finishes it.</p>`}
<dl class="meta">
<dt>run</dt><dd>${view.runId} (${view.kind})</dd>
<dt>started</dt><dd>${view.startedAt}</dd>
<dt>journal</dt><dd>${view.journalFile}</dd>
</dl>
</section>`;
}
