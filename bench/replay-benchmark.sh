#!/usr/bin/env bash
# By-hand benchmark (not a test): how long each read model takes to replay the Sơn La store from scratch.
# Starts both services from the built jars (mvn -DskipTests package first) on a fresh database planledger_replay (or
# PLANLEDGER_BENCH_DB) of the local PostgreSQL cluster, lets the command side load the Sơn La plan, then resets each
# processor ROUNDS times (POST /api/admin/projections/{name}/reset) and times until its token has passed the event
# store's head again (and, for a generational read model, the rebuilt generation is live).
# usage: bench/replay-benchmark.sh [ROUNDS=5]   ports: PLANLEDGER_COMMAND_PORT (18581), PLANLEDGER_QUERY_PORT (18582);
# PLANLEDGER_BENCH_JARS=DIR runs the two jars found in DIR instead (e.g. copies built from an earlier commit).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-5}"
DB="${PLANLEDGER_BENCH_DB:-planledger_replay}"
CPORT="${PLANLEDGER_COMMAND_PORT:-18581}" QPORT="${PLANLEDGER_QUERY_PORT:-18582}"
LOGS="$(mktemp -d)"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }
sql() { as_postgres psql -qtA -d "$DB" -c "$1"; }
jar_of() {
  local jar
  for jar in "${PLANLEDGER_BENCH_JARS:-$ROOT/$1/target}/$1"-*.jar; do
    if [ -f "$jar" ]; then printf '%s\n' "$jar"; return 0; fi
  done
  return 0
}

as_postgres psql -qtA -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
select 'create role planledger login password ''planledger'' nosuperuser nocreatedb nocreaterole'
where not exists (select 1 from pg_roles where rolname = 'planledger') \gexec
drop database if exists $DB with (force);
create database $DB owner planledger encoding 'UTF8' template template0;
SQL
export PLANLEDGER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PLANLEDGER_DB_USER=planledger PLANLEDGER_DB_PASSWORD=planledger
export SPRING_PROFILES_ACTIVE=demo PLANLEDGER_LOG_DIR="$LOGS"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
java -Xmx512m -jar "$(jar_of command-side)" --server.port="$CPORT" >"$LOGS/command.log" 2>&1 & pids+=($!)
sleep 20  # let the command side migrate the event store first
java -Xmx512m -jar "$(jar_of query-side)" --server.port="$QPORT" >"$LOGS/query.log" 2>&1 & pids+=($!)

until curl -fsS "http://127.0.0.1:$QPORT/actuator/health/liveness" >/dev/null 2>&1; do sleep 1; done
# the plan is loaded once the event count stops growing
last=-1
while :; do
  now="$(sql "select count(*) from domain_event_entry")"
  [ "$now" -gt 0 ] && [ "$now" = "$last" ] && break
  last="$now"; sleep 3
done

# the lowest position any segment of the processor has handled (a replay token's current position)
position() {
  sql "select coalesce(min(coalesce(t->'currentToken'->>'index', t->>'index')::bigint), -1)
       from (select convert_from(token, 'UTF8')::jsonb as t from token_entry where processor_name = '$1') s"
}
live() { sql "select count(*) from projection_generation where processing_group = '$1' and live <> building"; }

head="$(sql "select max(global_index) from domain_event_entry")"
echo "Sơn La store: $now events (head $head), $(sql "select count(*) from domain_event_entry where payload_type = 'ActivityRegistered'") activities"
for name in plan plan_history audit_entry; do
  until [ "$(position $name)" -ge "$head" ]; do sleep 0.2; done
  times=()
  for _ in $(seq 1 "$ROUNDS"); do
    start=$(date +%s%N)
    curl -fsS -u admin:demo -X POST "http://127.0.0.1:$QPORT/api/admin/projections/$name/reset" >/dev/null
    sleep 0.05
    until [ "$(position $name)" -ge "$head" ] && [ "$(live $name)" = 0 ]; do sleep 0.02; done
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v events="$now" '{a[NR]=$1} END {
    printf "%-12s replay of %d events: median %d ms (min %d, max %d, %d rounds)\n", name, events, a[int((NR+1)/2)], a[1], a[NR], NR }'
done
verify="$(curl -fsS -u admin:demo "http://127.0.0.1:$QPORT/api/ledger/verify")"
echo "verify after the replays: $(jq -c '{verified, chainVerified, complete: .readModels.complete, firstLack: .readModels.firstLack, millis}' <<<"$verify")"
