import type { Io } from '../io.js';
import {
  type Annotation,
  appendStepSummary,
  inGithubActions,
  renderAnnotations,
} from './github-actions.js';

/**
 * Under GitHub Actions: annotations for the failures and the Markdown summary. The
 * annotations go to stderr when stdout must carry only the JSON report (the runner reads
 * workflow commands from both).
 */
export function publishToGithub(
  io: Io,
  json: boolean,
  result: { failures: Annotation[]; markdown: () => string },
): void {
  if (!inGithubActions(io.env)) return;
  const annotations = renderAnnotations(result.failures);
  if (annotations) (json ? io.stderr : io.stdout).write(annotations);
  try {
    appendStepSummary(io.env, result.markdown());
  } catch (error) {
    // The verdict stands whatever happens to the summary; say why it is missing.
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    io.stderr.write(`n1v1: could not append to $GITHUB_STEP_SUMMARY (${code})\n`);
  }
}
