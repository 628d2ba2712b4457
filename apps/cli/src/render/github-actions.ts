import { appendFileSync } from 'node:fs';

/** GitHub shows at most 10 error annotations per step; more would be dropped silently. */
export const MAX_ANNOTATIONS = 10;

export interface Annotation {
  title: string;
  message: string;
}

/** Escaping of a workflow command's message (as @actions/core does it). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value: also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error` lines for the failures: a handful, not a flood. Past the limit the last
 * annotation says how many more failed and where to read them.
 */
export function renderAnnotations(failures: Annotation[], limit = MAX_ANNOTATIONS): string {
  const shown =
    failures.length <= limit
      ? failures
      : [
          ...failures.slice(0, limit - 1),
          {
            title: 'more failures',
            message: `${failures.length - (limit - 1)} more checks failed; see the job summary or the report`,
          },
        ];
  return shown
    .map((a) => `::error title=${escapeProperty(a.title)}::${escapeData(a.message)}\n`)
    .join('');
}

/** Appends Markdown to the job summary file, when GitHub gave one. */
export function appendStepSummary(env: NodeJS.ProcessEnv, markdown: string): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
}

export function inGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}
