import type { RunView } from '../run-view.js';
import { html } from './escape-html.js';
import { REPORT_STYLE } from './report-style.js';
import { chartsSection } from './sections/charts-section.js';
import { looksSection } from './sections/looks-section.js';
import { notificationsSection, timelineSection } from './sections/timeline-section.js';
import { verdictSection } from './sections/verdict-section.js';

/**
 * The run as one self-contained HTML page: verdict and reason first, then the charts, each
 * look's decision, the timeline and the notifications. No script, no external resource
 * (the Content-Security-Policy forbids any), every outside string escaped.
 */
export function renderRunReport(view: RunView): string {
  const canaryLabels = { canary: 'canary', baseline: 'baseline' };
  const bakeLabels = { canary: 'production after', baseline: 'production before' };
  const bake = view.bake;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${view.verdict} · ${view.service} ${view.version} in ${view.env}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${verdictSection(view)}
${
  view.looks.length || view.kind === 'canary'
    ? html`<h2>Canary against baseline</h2>${chartsSection(view.looks, view, canaryLabels, view.intervalSec)}
<h2>Looks</h2>${looksSection(view.looks, canaryLabels)}`
    : ''
}
${
  bake
    ? html`<h2>Bake: production after the rollout against before it</h2>
<p>${bake.verdict ? html`<span class="badge ${bake.verdict === 'passed' ? 'pass' : 'fail'}">${bake.verdict}</span> ${bake.reason ?? ''}` : 'the bake has not ended'}${bake.before ? html` · before the rollout: ${bake.before.requests} requests, ${bake.before.errors} errors` : ' · no figures from before the rollout: absolute limits only'}</p>
${chartsSection(bake.looks, view, bakeLabels, bake.intervalSec)}
${looksSection(bake.looks, bakeLabels)}`
    : ''
}
<h2>Timeline</h2>${timelineSection(view)}
<h2>Notifications</h2>${notificationsSection(view)}
</body>
</html>
`;
  return page.value;
}
