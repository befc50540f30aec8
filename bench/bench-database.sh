# shellcheck shell=bash
# Sourced by the by-hand benchmarks: unless PLANLEDGER_DB_URL is set, (re)creates database $1 (or PLANLEDGER_BENCH_DB)
# on the local PostgreSQL cluster, as root or with passwordless sudo, and exports PLANLEDGER_DB_URL/_USER/_PASSWORD.
bench_database() {
  local db="${PLANLEDGER_BENCH_DB:-$1}"
  [ -z "${PLANLEDGER_DB_URL:-}" ] || return 0
  as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }
  as_postgres psql -qtA -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
select 'create role planledger login password ''planledger'' nosuperuser nocreatedb nocreaterole'
where not exists (select 1 from pg_roles where rolname = 'planledger') \gexec
drop database if exists $db with (force);
create database $db owner planledger encoding 'UTF8' template template0;
SQL
  export PLANLEDGER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PLANLEDGER_DB_USER=planledger PLANLEDGER_DB_PASSWORD=planledger
  export PLANLEDGER_ALLOW_DEFAULT_DB_PASSWORD=true   # a fresh local database nobody else uses
}
