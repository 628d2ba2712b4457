/** Names of variables, headers and fields whose values are secrets. */
export const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PWD$|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|WEBHOOK|AUTH|COOKIE|SESSION|SIGNATURE)/i;

/** Shortest value taken as a secret: shorter ones would mask ordinary words. */
export const MIN_SECRET_CHARS = 6;

/**
 * The secret values of an environment: values of variables whose names say secret
 * (`DISCORD_WEBHOOK_URL`, `*_TOKEN`, `*_PASSWORD`, ...), at least {@link MIN_SECRET_CHARS} long.
 */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(
      ([name, value]) =>
        name !== 'PWD' &&
        SECRET_NAME.test(name) &&
        value !== undefined &&
        value.length >= MIN_SECRET_CHARS,
    )
    .map(([, value]) => value as string);
}
