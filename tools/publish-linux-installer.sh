#!/usr/bin/env bash
# Builds the linux-x64 base installer: the published broker-endpoint in broker-endpoint/, gzipped tar.
# With --upload it also uploads it with brokerctl (sign in first: brokerctl login ...).
#
#   tools/publish-linux-installer.sh [--output FILE] [--framework-dependent] [--upload]
#
# Self-contained by default (the customer's computer needs no .NET); --framework-dependent makes a small package
# for machines that have the .NET 10 runtime (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."

output=artifacts/installers/broker-endpoint-linux-x64.tar.gz
self_contained=true
upload=false
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=$2; shift 2 ;;
    --framework-dependent) self_contained=false; shift ;;
    --upload) upload=true; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
dotnet publish src/Broker.Endpoint -c Release -r linux-x64 --self-contained "$self_contained" \
  -p:UseAppHost=true -o "$staging/broker-endpoint" --nologo -v quiet
mkdir -p "$(dirname "$output")"
tar -czf "$output" -C "$staging" broker-endpoint
echo "$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"

if [ "$upload" = true ]; then
  dotnet run --project tools/Broker.Cli -- installers upload linux-x64 "$output"
fi
