#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster and creates the test role and database (idempotent).
# Used by .ci/run and by developers who want the PostgreSQL storage tests locally.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$ver main"; then pg_createcluster "$ver" main >/dev/null; fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for i in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='hub'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role hub login superuser password 'hub'\""
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='hub_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O hub hub_test"
echo "postgres://hub:hub@127.0.0.1:5432/hub_test"
