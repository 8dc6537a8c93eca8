#!/usr/bin/env bash
# Cluster mode on one machine, for trying it out and for benchmarks: a PostgreSQL server and Azurite of their own, on
# 127.0.0.1 only, in one folder; the broker's schema applied with brokerctl; the settings every host needs written to
# <folder>/cluster.env. Nothing is installed system-wide but Debian's postgresql package when it is missing.
#
#   tools/local-cluster.sh up   [FOLDER]   start both servers (default FOLDER: ./cluster-data), migrate, write cluster.env
#   tools/local-cluster.sh down [FOLDER]   stop both servers (the data stays in FOLDER)
#
# Ports: PGPORT (default 5433) and BLOBPORT (default 10000).
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:-}
folder=$(realpath -m "${2:-cluster-data}")
pgport=${PGPORT:-5433}
blobport=${BLOBPORT:-10000}
account=devstoreaccount1
# Azurite's published development key, not a secret.
accountkey='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pgbin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ]; then
    echo "installing PostgreSQL from Debian's packages" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$bin"
}

case "$action" in
  up)
    bin=$(pgbin)
    mkdir -p "$folder/azurite"
    if [ ! -d "$folder/postgres" ]; then
      mkdir -p "$folder/postgres"
      [ "$(id -u)" = 0 ] && chown postgres "$folder/postgres"
      as_postgres "$bin/initdb" -D "$folder/postgres/data" -U broker --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$folder/postgres/data" status >/dev/null 2>&1; then
      as_postgres "$bin/pg_ctl" -D "$folder/postgres/data" -l "$folder/postgres/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $pgport -k $folder/postgres -c max_connections=1000" start >/dev/null
    fi
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$pgport" -U broker -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'broker'" \
      | grep -q 1 || as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pgport" -U broker broker

    [ -x tools/azurite/node_modules/.bin/azurite-blob ] || npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
    if ! { [ -f "$folder/azurite.pid" ] && kill -0 "$(cat "$folder/azurite.pid")" 2>/dev/null; }; then
      nohup tools/azurite/node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$blobport" --location "$folder/azurite" \
        --skipApiVersionCheck --loose --silent --disableTelemetry >"$folder/azurite.log" 2>&1 &
      echo $! >"$folder/azurite.pid"
    fi

    orleans="Host=127.0.0.1;Port=$pgport;Database=broker;Username=broker"
    dotnet build tools/Broker.Cli -c Release -v q -nologo >/dev/null
    dotnet tools/Broker.Cli/bin/Release/net10.0/brokerctl.dll db migrate --connection "$orleans"

    if [ ! -f "$folder/cluster.env" ]; then
      cat >"$folder/cluster.env" <<ENV
Broker__Mode=Cluster
ConnectionStrings__Orleans='$orleans'
ConnectionStrings__Installers='DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$accountkey;BlobEndpoint=http://127.0.0.1:$blobport/$account;'
Broker__Auth__SigningKey='$(openssl rand -base64 48)'
Broker__Auth__EnrollmentKey='$(openssl rand -base64 48)'
Broker__AdvertisedAddress=127.0.0.1
ENV
      chmod 600 "$folder/cluster.env"
    fi
    echo "PostgreSQL on 127.0.0.1:$pgport, Azurite on 127.0.0.1:$blobport; the hosts' settings are in $folder/cluster.env"
    ;;
  down)
    bin=$(pgbin)
    [ -f "$folder/azurite.pid" ] && kill "$(cat "$folder/azurite.pid")" 2>/dev/null || true
    rm -f "$folder/azurite.pid"
    [ -d "$folder/postgres/data" ] && as_postgres "$bin/pg_ctl" -D "$folder/postgres/data" -m fast -w stop >/dev/null || true
    echo "stopped"
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
