#!/usr/bin/env bash
# deploy/ci/environment-config.sh ENV: the n1v1 config the CI job of ENV (staging, production)
# deploys with, or a message that says what to fill in. The job deploys somewhere real, so the
# config must use the command or the kubernetes deployer; the example service on the runner
# itself is the demo job's business. Where the config comes from, first found wins:
#   1. $N1V1_CONFIG_JSON: the whole config as JSON, from the repository secret N1V1_<ENV>_CONFIG
#      (use it when the URLs are private)
#   2. the file deploy/ci/<env>.config.json in the repository ($N1V1_CONFIG_FILE overrides the
#      path), made from deploy/ci/example.config.json
# Secrets the deploy scripts need (an API token, a kubeconfig) come from repository secrets
# through the job's environment; they never go in the file.
# Prints the path of the config on stdout; exit 1 when there is none or it is not usable.
set -euo pipefail

env_name="${1:?usage: environment-config.sh staging|production}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
file="${N1V1_CONFIG_FILE:-$root/deploy/ci/$env_name.config.json}"
secret="N1V1_$(printf '%s' "$env_name" | tr '[:lower:]-' '[:upper:]_')_CONFIG"

fail() {
  if [ -n "${GITHUB_ACTIONS:-}" ]; then echo "::error title=No usable $env_name config::$1"; fi
  echo "environment-config: $1" >&2
  exit 1
}

if [ -n "${N1V1_CONFIG_JSON:-}" ]; then
  config="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/n1v1.$env_name.config.json"
  printf '%s\n' "$N1V1_CONFIG_JSON" > "$config"
  from="the repository secret $secret"
elif [ -f "$file" ]; then
  config="$file"
  from="$file"
else
  fail "no $env_name config to deploy with. Fill one in: copy deploy/ci/example.config.json to deploy/ci/$env_name.config.json (or put that JSON in the repository secret $secret), set environments.$env_name.deployer to your command scripts (deploy, rollback, promote) or kubernetes (image, namespace), and canaryUrl and baselineUrl to where the canary and the stable version answer; the secrets the scripts need go in repository secrets (STAGING_DEPLOY_TOKEN, STAGING_KUBECONFIG, DISCORD_WEBHOOK_URL). Until then only the canary demo job runs."
fi

problem="$(node -e '
  const [path, env] = process.argv.slice(1);
  let config;
  try { config = JSON.parse(require("node:fs").readFileSync(path, "utf8")); }
  catch (e) { console.log(`is not valid JSON: ${e.message}`); process.exit(); }
  const block = config?.environments?.[env];
  if (!block) { console.log(`has no environments.${env} block`); process.exit(); }
  const type = block.deployer?.type;
  if (type !== "command" && type !== "kubernetes")
    console.log(`environments.${env}.deployer.type is ${JSON.stringify(type ?? "local (the default)")}: the CI job deploys somewhere real, so use "command" or "kubernetes"`);
  else if (!block.canaryUrl && !block.baselineUrl)
    console.log(`environments.${env} has neither canaryUrl nor baselineUrl: set where the canary and the stable version answer`);
' "$config" "$env_name")"
[ -z "$problem" ] || fail "the $env_name config from $from $problem"
echo "$config"
