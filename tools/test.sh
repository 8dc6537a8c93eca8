#!/usr/bin/env bash
# The test command of the README: builds the solution and runs every test project, on a fresh machine too.
# It ends with one plain line, "N passed, N failed", and exits non-zero if anything failed or did not build.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not installed; see global.json for the version" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Azurite (the Azure Storage emulator) for the blob-storage tests, pinned in tools/azurite; the tests start it themselves.
if [ ! -x tools/azurite/node_modules/.bin/azurite-blob ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "installing Node.js and npm from Debian's packages (needed for Azurite)"
    (apt-get update -qq && apt-get install -y -qq nodejs npm) >/dev/null || { echo "error: could not install Node.js" >&2; echo "0 passed, 1 failed"; exit 1; }
  fi
  npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error || { echo "error: npm ci --prefix tools/azurite failed" >&2; echo "0 passed, 1 failed"; exit 1; }
fi

# PostgreSQL's server programs (initdb, pg_ctl) for the Cluster-mode tests, from Debian's packages; the tests start their
# own server in a temporary folder on 127.0.0.1 (as the postgres user when run as root, which initdb requires).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian's packages (needed for the Cluster-mode tests)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null \
    || { echo "error: could not install PostgreSQL (apt-get install postgresql)" >&2; echo "0 passed, 1 failed"; exit 1; }
fi

# nginx runs the reverse-proxy example (infra/proxy) in the tests.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "installing nginx from Debian's packages (needed for the reverse-proxy tests)"
  (apt-get update -qq && apt-get install -y -qq nginx-light) >/dev/null || { echo "error: could not install nginx" >&2; echo "0 passed, 1 failed"; exit 1; }
fi

# The web console's locked packages (the test that rebuilds it from its sources) and Debian's Chromium (its browser tests).
if [ ! -x src/Broker.Console/node_modules/.bin/esbuild ]; then
  if ! command -v npm >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq nodejs npm) >/dev/null || { echo "error: could not install Node.js" >&2; echo "0 passed, 1 failed"; exit 1; }
  fi
  npm ci --prefix src/Broker.Console --no-audit --no-fund --loglevel=error || { echo "error: npm ci --prefix src/Broker.Console failed" >&2; echo "0 passed, 1 failed"; exit 1; }
fi
if [ -z "${BROKER_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "installing Chromium from Debian's packages (needed for the web console's browser tests)"
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null || { echo "error: could not install Chromium" >&2; echo "0 passed, 1 failed"; exit 1; }
fi

mkdir -p artifacts
log=artifacts/test-output.log

build_log=artifacts/build-output.log
dotnet build Broker.sln -c Release 2>&1 | tee "$build_log" | grep -E "error|warn|Build succeeded|Time Elapsed" || true
if ! grep -q "Build succeeded" "$build_log" || grep -qE "[1-9][0-9]* Error\(s\)" "$build_log"; then
  echo "error: the build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time: the browser tests (Chromium, endpoints) beside the three-host live-session tests starve
# the latter's hosts on two cores (seen: a viewer's frame stream ended early); each project parallelises within itself.
# A whole run takes minutes; one that is still going after an hour has a test that hangs, and says so rather than
# running into CI's limit with nothing said.
timeout --kill-after=30 3600 dotnet test --solution Broker.sln -c Release --no-build --max-parallel-test-modules 1 \
  --results-directory artifacts/test-results --report-xunit-trx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "error: the test run did not finish within an hour: a test hangs (the last 'Running tests from' line above names its project)" >&2
fi

total=$(grep -E "^\s+total: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+")
failed=$(grep -E "^\s+failed: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+")
passed=$(grep -E "^\s+succeeded: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+")
if [ -z "$total" ]; then
  echo "error: the test run printed no summary (exit code $status)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$total" = "0" ]; then
  echo "error: no test ran" >&2
  status=1
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" = "0" ]; then
  failed=1
fi
# The runner reports a failure where it happens, which a long run scrolls out of sight: repeat each failed test's name
# and message (without its stack trace) here, at the end. The whole output stays in artifacts/test-output.log.
if grep -q "^failed " "$log"; then
  echo
  echo "Failed tests (whole output: artifacts/test-output.log):"
  awk '/^failed / { shown = 0; print; keep = 1; next }
       keep && /^  from / { next }
       keep && /^  / && !/^    at / && shown < 20 { print; shown++; next }
       { keep = 0 }' "$log"
  echo
fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
