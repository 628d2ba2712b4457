/**
 * The link to the CI run a command runs in, for its notifications: `--run-url`, else the
 * GitHub Actions run from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID (with the
 * attempt when it is a re-run), else none.
 */
export function ciRunUrl(env: NodeJS.ProcessEnv, flag?: unknown): string | undefined {
  if (typeof flag === 'string' && flag.trim()) return flag.trim();
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  if (!server || !repo || !id) return undefined;
  const attempt =
    env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1'
      ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
      : '';
  return `${server.replace(/\/$/, '')}/${repo}/actions/runs/${id}${attempt}`;
}
