import type { RunView } from '../../run-view.js';
import { type Html, html } from '../escape-html.js';
import { fmt } from '../format-figures.js';

/** The run's steps in order, as its journal recorded them. */
export function timelineSection(view: RunView): Html {
  const rows = view.timeline.map(
    (t) =>
      html`<tr class="event"><td>+${fmt.sec(t.elapsedMs)}</td><td>${t.at}</td><td><code>${t.event}</code></td><td>${t.detail ?? ''}</td></tr>`,
  );
  return html`<table class="timeline"><thead><tr><th>since start</th><th>time</th><th>event</th><th>detail</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Every notification and what became of it, per sink. */
export function notificationsSection(view: RunView): Html {
  if (view.notifications.length === 0)
    return html`<p class="muted">No notification outcome was recorded (the run died before it could report them, or sent none).</p>`;
  const rows = view.notifications.map(
    (n) =>
      html`<tr class="notification ${n.status}"><td>${n.action}</td><td><code>${n.type}</code></td><td>${n.at}</td><td><span class="badge ${n.status}">${n.status}</span></td><td>${n.sinks.map((s) => html`${s.sink}: ${s.status}${s.error ? ` (${s.error})` : ''}<br>`)}${n.error ?? ''}</td></tr>`,
  );
  return html`<table class="notifications"><thead><tr><th>action</th><th>event</th><th>sent</th><th>outcome</th><th>sinks</th></tr></thead><tbody>${rows}</tbody></table>`;
}
