/** The page's only style: inline, so the file opens anywhere with nothing fetched. */
export const REPORT_STYLE = `
:root{--good:#1a7f37;--bad:#cf222e;--alarm:#9a6700;--canary:#d1242f;--baseline:#0969da;--muted:#57606a;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;background:#fff}
body{margin:0 auto;max-width:1100px;padding:16px 24px 48px;line-height:1.4}
h1{font-size:1.4rem;margin:0 0 8px}h2{font-size:1.1rem;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.verdict{border-left:6px solid var(--alarm);padding:12px 16px;background:#fff8c5}
.verdict.good{border-color:var(--good);background:#dafbe1}.verdict.bad{border-color:var(--bad);background:#ffebe9}
.verdict-word{letter-spacing:.04em}.reason{font-size:1.05rem;margin:4px 0}.failed-look{margin:6px 0}.limit{color:var(--bad);font-weight:600}
.alarm-note{color:var(--alarm);font-weight:600}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 0;color:var(--muted);font-size:.85rem}.meta dd{margin:0;word-break:break-all}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:12px}
.chart{width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;background:#fff}
.chart-title{font-size:13px;font-weight:600}.axis{font-size:11px;fill:var(--muted)}.grid{stroke:#eaeef2}
.line{fill:none;stroke-width:2}.line.canary{stroke:var(--canary)}.line.baseline{stroke:var(--baseline)}
.line.limit{stroke:#000;stroke-dasharray:6 4;stroke-width:1.5}.line.tolerance{stroke:#8250df;stroke-dasharray:2 3;stroke-width:1.5}
.point.canary{fill:var(--canary)}.point.baseline{fill:var(--baseline)}.marker{stroke:var(--bad);stroke-width:2;stroke-dasharray:3 2}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
tr.look.fail{background:#ffebe9}ul.checks{margin:0;padding-left:16px}.check .detail{color:var(--muted)}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:.75rem;background:#eaeef2}
.badge.pass,.badge.delivered{background:#dafbe1;color:var(--good)}.badge.fail,.badge.undelivered,.badge.rejected{background:#ffebe9;color:var(--bad)}
.badge.insufficient,.badge.pending,.badge.inconclusive,.badge.error{background:#fff8c5;color:var(--alarm)}.badge.continue{background:#ddf4ff;color:#0969da}
.muted{color:var(--muted)}.problem{color:var(--alarm);margin:2px 0}code{font-size:.85em}
`;
