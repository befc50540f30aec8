#!/usr/bin/env bash
# By-hand benchmark of the inspection reports: heap, time and bytes per format for 1,000 and 10,000 activities
# (not a test; see README "Inspection reports").
# Uses PLANLEDGER_DB_URL/_USER/_PASSWORD when set; otherwise (re)creates database planledger_report_bench (or
# PLANLEDGER_BENCH_DB) on the local PostgreSQL cluster, as root or with passwordless sudo.
# System properties after the script name are passed to the JVM, e.g. -Dplanledger.bench.large=20000 or -Xmx128m (the last -Xmx wins).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/bench-database.sh"
bench_database planledger_report_bench

cd "$ROOT"
mvn -B -q install -DskipTests -pl shared
mvn -B -q -pl query-side test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx256m "$@" -cp "query-side/target/test-classes:query-side/target/classes:$(cat query-side/target/bench.classpath)" \
  org.planledger.query.history.ReportMemoryBenchmark
