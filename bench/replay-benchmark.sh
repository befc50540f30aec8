#!/usr/bin/env bash
# By-hand benchmark (not a test): how fast each read model replays the whole event store, for one or more builds side
# by side in one run, beside the raw reference (one sequential scan of the event table).
#
# Builds a store once on a fresh database planledger_replay (or PLANLEDGER_BENCH_DB) of the local PostgreSQL cluster:
# the command side of the first build loads the Sơn La plan (348 events); with PLANLEDGER_BENCH_EVENTS=N the store
# then grows to about N events through the command side's own API (the bench generator of bench/run: copies of the
# Sơn La plan imported under new plan ids, then reschedules spread over their activities). Then, for each build in
# turn, a copy of that store (CREATE DATABASE … TEMPLATE) is given to the build's query side, which first catches up
# from nothing (all three read models at once), and each processor is reset ROUNDS times
# (POST /api/admin/projections/{name}/reset), timed until its token has passed the event store's head again (and, for
# a generational read model, the rebuilt generation is live).
#
# usage: bench/replay-benchmark.sh [ROUNDS=5]
#   PLANLEDGER_BENCH_JARS="DIR1 DIR2 …"  builds to compare (folders holding command-side-*.jar and query-side-*.jar,
#                                        e.g. copies built from earlier commits); default: this tree's target folders
#   PLANLEDGER_BENCH_EVENTS=N            grow the store to about N events first (needs mvn, offline repository)
#   PLANLEDGER_BENCH_REUSE=1             keep the store an earlier run left in PLANLEDGER_BENCH_DB (skip building it)
#   PLANLEDGER_BENCH_JFR=1               each build's query side records a JFR profile (settings=profile) into
#                                        target/bench-replay/query-<n>.jfr (read with: jfr print --events
#                                        jdk.ExecutionSample FILE, or jfr summary FILE)
#   ports: PLANLEDGER_COMMAND_PORT (18581), PLANLEDGER_QUERY_PORT (18582)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-5}"
DB="${PLANLEDGER_BENCH_DB:-planledger_replay}"
CPORT="${PLANLEDGER_COMMAND_PORT:-18581}" QPORT="${PLANLEDGER_QUERY_PORT:-18582}"
EVENTS="${PLANLEDGER_BENCH_EVENTS:-}"
read -r -a BUILDS <<<"${PLANLEDGER_BENCH_JARS:-}"
LOGS="$(mktemp -d)"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }
sql() { as_postgres psql -qtA -d "$1" -c "$2"; }
jar_of() {
  local jar
  for jar in "${2:-$ROOT/$1/target}/$1"-*.jar; do
    if [ -f "$jar" ]; then printf '%s\n' "$jar"; return 0; fi
  done
  echo "no $1 jar in ${2:-$ROOT/$1/target}" >&2
  return 1
}
fresh_db() {
  as_postgres psql -qtA -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
select 'create role planledger login password ''planledger'' nosuperuser nocreatedb nocreaterole'
where not exists (select 1 from pg_roles where rolname = 'planledger') \gexec
drop database if exists $1 with (force);
create database $1 owner planledger encoding 'UTF8' template ${2:-template0};
SQL
}
start() { # start SIDE JAR DB PORT [JAVA OPTIONS…]
  local side="$1" jar="$2" db="$3" port="$4"; shift 4
  PLANLEDGER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" java -Xmx512m "$@" -jar "$jar" --server.port="$port" \
    >"$LOGS/$side.log" 2>&1 &
  pids+=($!)
}
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; pids=(); }
await_up() { until curl -fsS "http://127.0.0.1:$1/actuator/health/liveness" >/dev/null 2>&1; do sleep 1; done; }

export PLANLEDGER_DB_USER=planledger PLANLEDGER_DB_PASSWORD=planledger
export SPRING_PROFILES_ACTIVE=demo PLANLEDGER_LOG_DIR="$LOGS"
pids=()
trap stop_all EXIT

# --- the store ------------------------------------------------------------------------------------------------------
if [ -z "${PLANLEDGER_BENCH_REUSE:-}" ]; then
  fresh_db "$DB"
  start command "$(jar_of command-side "${BUILDS[0]:-}")" "$DB" "$CPORT"
  await_up "$CPORT"
  last=-1 # the plan is loaded once the event count stops growing
  while :; do
    now="$(sql "$DB" "select count(*) from domain_event_entry")"
    [ "$now" -gt 0 ] && [ "$now" = "$last" ] && break
    last="$now"; sleep 3
  done
  if [ -n "$EVENTS" ]; then
    # offline first (quick when the dependency plugin is already in the local repository), then online once
    bench_classpath() {
      (cd "$ROOT" && mvn -B -q "$@" -pl command-side -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >"$LOGS/classpath.log" 2>&1)
    }
    bench_classpath -o || bench_classpath || { echo "could not build the bench classpath:" >&2; cat "$LOGS/classpath.log" >&2; exit 1; }
    BENCH_COMMAND="http://127.0.0.1:$CPORT" BENCH_AUTH=admin:demo BENCH_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
      BENCH_DB_USER=planledger BENCH_DB_PASSWORD=planledger \
      java -cp "$ROOT/command-side/target/test-classes:$ROOT/command-side/target/classes:$(cat "$ROOT/command-side/target/bench.classpath")" \
      org.planledger.command.bench.Bench generate --events "$EVENTS" --threads 4 | grep '^RESULT generated' || true
  fi
  stop_all
fi
events="$(sql "$DB" "select count(*) from domain_event_entry")"
head="$(sql "$DB" "select max(global_index) from domain_event_entry")"
echo "store: $events events (head $head), $(sql "$DB" "select count(*) from domain_event_entry where payload_type = 'ActivityRegistered'") activities"

# --- the reference: one sequential scan of the event table, best of three ---------------------------------------------
scan_ms="$(for _ in 1 2 3; do as_postgres psql -qtA -d "$DB" -c '\timing on' \
  -c 'select count(*), sum(length(payload)) from domain_event_entry' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'; done |
  sort -n | head -1)"
awk -v e="$events" -v ms="$scan_ms" 'BEGIN { printf "%-30s %8.1f ms  %9.0f events/s\n", "raw scan (reference)", ms, e / ms * 1000 }'

# --- each build -------------------------------------------------------------------------------------------------------
# the lowest position any segment of the processor has handled (a replay token's current position)
position() {
  sql "$2" "select coalesce(min(coalesce(t->'currentToken'->>'index', t->>'index')::bigint), -1)
       from (select convert_from(token, 'UTF8')::jsonb as t from token_entry where processor_name = '$1') s"
}
live() { sql "$2" "select count(*) from projection_generation where processing_group = '$1' and live <> building"; }
report() { # report LABEL EVENTS MILLIS...
  local label="$1" n="$2"; shift 2
  printf '%s\n' "$@" | sort -n | awk -v label="$label" -v n="$n" '{a[NR]=$1} END { m = a[int((NR+1)/2)];
    printf "%-30s %8d ms  %9.0f events/s  (median of %d: min %d, max %d ms)\n", label, m, n / m * 1000, NR, a[1], a[NR] }'
}
i=0
for build in "${BUILDS[@]:-}"; do
  i=$((i + 1))
  copy="${DB}_$i"
  name="${build:-this tree}"
  fresh_db "$copy" "$DB"
  profile=()
  if [ -n "${PLANLEDGER_BENCH_JFR:-}" ]; then
    mkdir -p "$ROOT/target/bench-replay"
    profile=("-XX:StartFlightRecording=filename=$ROOT/target/bench-replay/query-$i.jfr,settings=profile,dumponexit=true")
  fi
  start query "$(jar_of query-side "$build")" "$copy" "$QPORT" "${profile[@]}"
  begin=$(date +%s%N)
  await_up "$QPORT"
  for p in plan plan_history audit_entry; do
    until [ "$(position $p "$copy")" -ge "$head" ]; do sleep 0.2; done
  done
  echo "== $name"
  report "  start and catch up (all three)" "$events" $(( ($(date +%s%N) - begin) / 1000000 ))
  for p in plan plan_history audit_entry; do
    times=()
    for _ in $(seq 1 "$ROUNDS"); do
      t0=$(date +%s%N)
      curl -fsS -u admin:demo -X POST "http://127.0.0.1:$QPORT/api/admin/projections/$p/reset" >/dev/null
      sleep 0.05
      until [ "$(position $p "$copy")" -ge "$head" ] && [ "$(live $p "$copy")" = 0 ]; do sleep 0.02; done
      times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    report "  replay $p" "$events" "${times[@]}"
  done
  verify="$(curl -fsS -u admin:demo "http://127.0.0.1:$QPORT/api/ledger/verify")"
  echo "  verify after the replays: $(jq -c '{verified, complete: .readModels.complete, firstLack: .readModels.firstLack}' <<<"$verify")"
  stop_all
  as_postgres psql -qtA -d postgres -c "drop database if exists $copy with (force)" >/dev/null
done
