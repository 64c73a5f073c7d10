#!/usr/bin/env bash
# The test command: builds the solution and runs every test; its last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build Dossier.slnx -c Release -nologo -v q 2>&1 | tee "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test --solution Dossier.slnx -c Release --no-build 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
passed=$(grep -aE '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
failed=$(grep -aE '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
if [ -z "$passed" ] || [ -z "$failed" ]; then
  echo "no test summary found"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$rc"
