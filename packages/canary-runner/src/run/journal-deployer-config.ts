import type { DeployerConfig } from '../config/config-types.js';

/** What the journal writes in place of an environment value. */
export const NOT_RECORDED = '<not recorded>';

type EnvKey = 'env' | 'stableEnv';
const ENV_KEYS: EnvKey[] = ['env', 'stableEnv'];

/**
 * The deployer config as the journal keeps it. Environment values (a rollback script's token,
 * say) never reach the disk: only their names are recorded, so that a later rollback knows
 * which ones to take from the config it runs with.
 */
export function deployerConfigForJournal(config: DeployerConfig): DeployerConfig {
  const recorded: Record<string, unknown> = { ...config };
  for (const key of ENV_KEYS) {
    const env = recorded[key] as Record<string, string> | undefined;
    if (env)
      recorded[key] = Object.fromEntries(Object.keys(env).map((name) => [name, NOT_RECORDED]));
  }
  return recorded as unknown as DeployerConfig;
}

/**
 * The deployer config of a past run, for its rollback: what the journal recorded, with the
 * environment values filled in from the current config. A name the current config no longer
 * has is left out rather than passed on as the placeholder.
 */
export function deployerConfigFromJournal(
  recorded: DeployerConfig,
  current: DeployerConfig,
): DeployerConfig {
  const restored: Record<string, unknown> = { ...recorded };
  const source = (current.type === recorded.type ? current : {}) as Record<string, unknown>;
  for (const key of ENV_KEYS) {
    const names = (recorded as unknown as Record<string, unknown>)[key] as
      | Record<string, string>
      | undefined;
    if (!names) continue;
    const values = (source[key] ?? {}) as Record<string, string>;
    restored[key] = Object.fromEntries(
      Object.keys(names)
        .filter((name) => Object.hasOwn(values, name))
        .map((name) => [name, values[name]!]),
    );
  }
  return restored as unknown as DeployerConfig;
}
