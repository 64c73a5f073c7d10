#!/usr/bin/env bash
# Installs wrk (the HTTP load generator the serve benchmarks use) from Debian's packages when it is missing.
set -euo pipefail
if ! command -v wrk > /dev/null; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
  "${as_root[@]}" apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q wrk > /dev/null
fi
wrk --version 2>&1 | head -1 || true
