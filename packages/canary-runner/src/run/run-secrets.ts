import { Redactor, SECRET_NAME, secretsFromEnv } from '@n1v1/redact';

/** Names of config fields whose values are secrets wherever they sit (`token`, `password`, ...). */
const SECRET_FIELD = /(token|secret|password|passwd|api_?key|credentials?|webhook_?url)$/i;

/**
 * Every secret value a run knows: the values of secret-named variables of this process
 * (`DISCORD_WEBHOOK_URL`, `*_TOKEN`, ...), and of the config, the values of secret-named
 * fields, environment entries and headers (a deployer's `env.DEPLOY_TOKEN`, a smoke
 * `Authorization` header, a Prometheus bearer token).
 */
export function runSecrets(config: unknown, env: NodeJS.ProcessEnv = process.env): string[] {
  const found = secretsFromEnv(env);
  const walk = (node: unknown, key: string | undefined, parent: string | undefined): void => {
    if (typeof node === 'string') {
      const named = key !== undefined && (SECRET_FIELD.test(key) || SECRET_NAME.test(key));
      const inMap = parent === 'env' || parent === 'stableEnv' || parent === 'headers';
      if (named && (inMap || SECRET_FIELD.test(key!))) found.push(node);
      return;
    }
    if (Array.isArray(node)) for (const inner of node) walk(inner, undefined, key);
    else if (typeof node === 'object' && node !== null) {
      for (const [name, inner] of Object.entries(node)) walk(inner, name, key);
    }
  };
  walk(config, undefined, undefined);
  return found;
}

/** The one redactor of a run: patterns plus every secret the run knows. */
export function runRedactor(config: unknown, env: NodeJS.ProcessEnv = process.env): Redactor {
  return new Redactor(runSecrets(config, env));
}
