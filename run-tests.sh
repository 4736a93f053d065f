#!/usr/bin/env bash
# Runs every test of ServerlessPrep on a fresh machine: installs what the tests need (npm emulators, clang for the
# Native AOT Lambda bootstrap), runs all test projects, and ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*" >&2; }

install_native_toolchain() {
  if command -v clang >/dev/null 2>&1 && [ -e /usr/include/zlib.h ]; then return 0; fi
  log "installing clang and zlib1g-dev (Native AOT publish of the AWS bootstrap)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang zlib1g-dev >/dev/null 2>&1 \
    || echo "warning: could not install clang/zlib1g-dev; the AOT publish test will fail" >&2
}

install_emulators() {
  if [ -f tests/emulators/package-lock.json ] && [ ! -d tests/emulators/node_modules ]; then
    log "installing the emulators (s3rver, dynalite, azurite) from tests/emulators/package-lock.json"
    (cd tests/emulators && npm ci --no-audit --no-fund --loglevel=error) || echo "warning: npm ci failed; emulator tests will fail" >&2
  fi
}

install_native_toolchain
install_emulators

results=TestResults
rm -rf "$results"
log "dotnet test (all test projects)"
dotnet test ServerlessPrep.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(printf '%s' "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A project that did not build or crashed has no failed test to show for it; do not report green.
  failed=1
  echo "error: dotnet test exited with $status without a failing test in the results (build error or crashed test host)" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
