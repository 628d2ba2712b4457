#!/usr/bin/env bash
# deploy/canary.sh: kept for the people and pipelines that already call it, now a thin wrapper
# over `n1v1 canary`. Every flag (--dry-run, --env=staging, --no-rollback, --config=FILE, --json)
# goes to n1v1 unchanged, and so does the exit code: 0 ready for production, 1 rolled back,
# 2 usage or configuration error, 3 the rollback failed too: a person must look.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$root/apps/cli/dist/main.js" ]; then
  echo "canary.sh: n1v1 is not built yet; run \"pnpm install\" in $root first" >&2
  exit 2
fi
exec node "$root/apps/cli/bin/n1v1.js" canary "$@"
