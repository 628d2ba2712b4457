/**
 * Variables a script inherits from the runner's own environment: what a shell, git, kubectl
 * or a package manager needs to find its tools and its home, and nothing else. A runner in
 * CI holds `DISCORD_WEBHOOK_URL`, registry and cloud tokens; a script that prints its
 * environment or fails with a URL must not be able to leak them into the journal.
 */
export const INHERITED_VARIABLES = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TMPDIR',
  'TERM',
] as const;

/**
 * The whole environment of a deploy, rollback or promote script: the basics above, the
 * config's `deployer.env`, and the runner's `N1V1_*` variables, which win over both.
 */
export function scriptEnvironment(
  configured: Record<string, string> | undefined,
  n1v1: Record<string, string>,
  parent: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...configured, ...n1v1 };
}
