#!/usr/bin/env bash
# The standby of docker-compose.yml (profile production): the first time, a copy of the primary
# by pg_basebackup (-R writes the connection back to it); then PostgreSQL streams from it. Its
# cluster_name "standby" is the application name the primary's synchronous_standby_names waits for.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  until gosu postgres pg_basebackup -h postgres-primary -U replicator -D "$PGDATA" -R -X stream; do
    echo "waiting for the primary"; rm -rf "${PGDATA:?}"/*; sleep 2
  done
fi
exec gosu postgres postgres -c hot_standby=on -c cluster_name=standby
