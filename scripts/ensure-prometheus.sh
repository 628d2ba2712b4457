#!/usr/bin/env bash
# The test suite runs a real Prometheus server (metrics source) and promtool (rules,
# exposition format). Installs Debian's `prometheus` package when either is missing.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-prometheus: prometheus and promtool are needed by the tests; install them (Debian: apt-get install prometheus) and run again" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-prometheus: run as root or install sudo, or install Debian's prometheus package yourself" >&2
    exit 1
  fi
  SUDO="sudo"
fi
echo "ensure-prometheus: installing Debian's prometheus package (the tests start their own server on loopback)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# The package may start a system Prometheus on :9090; the tests do not use it.
$SUDO service prometheus stop >/dev/null 2>&1 || true
