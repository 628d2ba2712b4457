// deploy/ci/canary-summary.mjs REPORT.json [HTML_REPORT_URL]: the Markdown a CI job adds to
// its summary for a canary or promote report (n1v1 --json): the verdict and its reason first,
// the failed look, and a link to the self-contained HTML report (the job's artifact). GitHub's
// summary cannot hold the page itself (it strips styles and SVG), hence the link.
import { existsSync, readFileSync } from 'node:fs';

const [file, htmlUrl] = process.argv.slice(2);
// Summary Markdown allows HTML: nothing from the report may become markup.
const text = (value) => String(value ?? '').replace(/[<>&|`]/g, (c) => `&#${c.charCodeAt(0)};`);
const lines = [];
if (!file || !existsSync(file)) {
  lines.push(
    `### n1v1: no report`,
    '',
    `The run wrote no report (${text(file)}); see the job log.`,
  );
} else {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    report = { error: { message: `${file} is not the JSON report n1v1 prints` } };
  }
  if (report.error) {
    lines.push(`### n1v1: refused`, '', text(report.error.message));
  } else {
    const verdict = report.verdict ?? report.outcome ?? 'unknown';
    const what = report.action ? `${report.action} of` : 'canary';
    lines.push(
      `### n1v1 ${what} ${text(report.version)} in ${text(report.env)}: **${text(verdict).toUpperCase()}**`,
      '',
    );
    lines.push(text(report.reason ?? report.detail));
    const looks = [...(report.looks ?? []), ...(report.bake?.looks ?? [])];
    const failed = looks.find((l) => l.status === 'fail');
    const check = failed?.checks?.find((c) => c.status === 'fail');
    if (failed)
      lines.push(
        '',
        `Failed at look ${failed.index} (${failed.elapsedSec} s)${check ? `: ${text(check.detail)}` : ''}`,
      );
    if (report.bake)
      lines.push('', `Bake: ${text(report.bake.verdict)}, ${text(report.bake.reason)}`);
    const notes = report.notifications ?? [];
    if (notes.length)
      lines.push(
        '',
        `Notifications: ${notes.map((n) => `${text(n.type)} ${text(n.status)}`).join(', ')}`,
      );
  }
}
if (htmlUrl)
  lines.push(
    '',
    `[The HTML report](${htmlUrl}) (a self-contained page in the artifact; it opens with no network)`,
  );
process.stdout.write(`${lines.join('\n')}\n`);
