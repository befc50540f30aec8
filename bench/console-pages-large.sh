#!/usr/bin/env bash
# By-hand benchmark of the console's pages on a generated plan of 10,000 activities (not a test; see README "Web
# console"): server time per page with the session cookie, p50/p95, by bench/console-pages.sh against a query side
# started on that plan (ConsolePagesBenchmark). Uses PLANLEDGER_DB_URL/_USER/_PASSWORD when set; otherwise (re)creates
# database planledger_console_bench (or PLANLEDGER_BENCH_DB) on the local PostgreSQL cluster.
# System properties after the script name are passed to the JVM: -Dplanledger.bench.activities=20000,
# -Dplanledger.bench.seconds=20 (per page), -Dplanledger.bench.port=18750 (the query side's port; default a free one). Writes target/bench/console-pages-<activities>.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/bench-database.sh"
bench_database planledger_console_bench
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 1; }

cd "$ROOT"
# the modules it needs from this tree (-am), nothing installed into ~/.m2
mvn -B -q -pl query-side -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g "$@" -cp "query-side/target/test-classes:query-side/target/classes:shared/target/classes:security/target/classes:$(cat query-side/target/bench.classpath)" \
  org.planledger.query.history.ConsolePagesBenchmark
