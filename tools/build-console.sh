#!/usr/bin/env bash
# Builds the web console from src/Broker.Console into src/Broker.Server/wwwroot (or the folder given), reproducibly:
# the same sources and lock file give the same bytes, which the console tests check against the committed output.
# Needs Node.js and npm; installs the locked packages with `npm ci` when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
console=src/Broker.Console
out=${1:-src/Broker.Server/wwwroot}

if [ ! -x "$console/node_modules/.bin/esbuild" ]; then
  npm ci --prefix "$console" --no-audit --no-fund --loglevel=error
fi

mkdir -p "$out"
"$console/node_modules/.bin/esbuild" "$console/src/main.js" --bundle --format=esm --platform=browser --target=es2022 \
  --minify --legal-comments=eof --charset=utf8 --log-level=warning --outfile="$out/console.js"
cp "$console/static/index.html" "$console/static/console.css" "$out/"
