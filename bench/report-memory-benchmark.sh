#!/usr/bin/env bash
# By-hand benchmark of the inspection reports: heap, time and bytes per format for 1,000 and 10,000 activities
# (not a test; see README "Inspection reports").
# Uses PLANLEDGER_DB_URL/_USER/_PASSWORD when set; otherwise (re)creates database planledger_report_bench (or
# PLANLEDGER_BENCH_DB) on the local PostgreSQL cluster, as root or with passwordless sudo.
# System properties after the script name are passed to the JVM, e.g. -Dplanledger.bench.large=20000 or -Xmx128m (the last -Xmx wins).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB="${PLANLEDGER_BENCH_DB:-planledger_report_bench}"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }

if [ -z "${PLANLEDGER_DB_URL:-}" ]; then
  as_postgres psql -qtA -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
select 'create role planledger login password ''planledger'' nosuperuser nocreatedb nocreaterole'
where not exists (select 1 from pg_roles where rolname = 'planledger') \gexec
drop database if exists $DB with (force);
create database $DB owner planledger encoding 'UTF8' template template0;
SQL
  export PLANLEDGER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PLANLEDGER_DB_USER=planledger PLANLEDGER_DB_PASSWORD=planledger
  export PLANLEDGER_ALLOW_DEFAULT_DB_PASSWORD=true   # a fresh local database nobody else uses
fi

cd "$ROOT"
mvn -B -q install -DskipTests -pl shared
mvn -B -q -pl query-side test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx256m "$@" -cp "query-side/target/test-classes:query-side/target/classes:$(cat query-side/target/bench.classpath)" \
  org.planledger.query.history.ReportMemoryBenchmark
