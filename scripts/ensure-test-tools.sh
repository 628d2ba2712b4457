#!/usr/bin/env bash
# Tools the test suite runs for real, from Debian's packages, installed when missing:
#   prometheus + promtool  the canary runner's `prometheus` metrics source is tested against a real
#                          server on loopback; promtool checks /metrics output and the alerting rules
#   kubectl                `kubectl kustomize` renders the manifests in deploy/kubernetes
#   chromium               the canary runner's HTML run report is opened in headless Chromium (driven
#                          by playwright-core, which downloads no browser of its own)
#   haproxy                the canary runner's `haproxy` traffic router is tested as a real proxy on
#                          loopback in front of stable and canary, weights set through its runtime API;
#                          the example service is tested behind it as a same-host proxy (every caller
#                          is 127.0.0.1), as nginx, Envoy or a sidecar would put it
set -euo pipefail

missing=()
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Debian puts haproxy in /usr/sbin, which a non-root PATH may lack; the router looks there too.
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: the tests need ${missing[*]}; install them with your package manager and run again" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-test-tools: run as root, or install Debian's ${missing[*]} yourself, then run again" >&2
    exit 1
  fi
  SUDO="sudo"
fi
echo "ensure-test-tools: installing Debian's ${missing[*]} (the tests start their own servers on loopback)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The prometheus package may start a system server on :9090; the tests do not use it.
$SUDO service prometheus stop >/dev/null 2>&1 || true
# Likewise the haproxy package's system service; the tests start their own haproxy on loopback.
$SUDO service haproxy stop >/dev/null 2>&1 || true
