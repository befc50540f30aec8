#!/usr/bin/env bash
# How long a command takes to show up on the query side: N reschedules of one milestone, each timed from the
# command's HTTP answer until the query side reports the new activity version. Needs ./planledger up --detach.
# usage: bench/command-to-query-latency.sh [N=25]
set -euo pipefail
N="${1:-25}"
C="http://127.0.0.1:${PLANLEDGER_COMMAND_PORT:-8081}"
Q="http://127.0.0.1:${PLANLEDGER_QUERY_PORT:-8082}"
AUTH="admin:${PLANLEDGER_DEMO_PASSWORD:-demo}"
PLAN="latency-$(date +%s%N)"
json() { curl -fsS -u "$AUTH" -H 'Content-Type: application/json' "$@"; }

json "$C/api/plans" -d "{\"planId\":\"$PLAN\",\"title\":\"latency\",\"year\":2024,\"decision\":{\"number\":\"1/QĐ\"}}" >/dev/null
json "$C/api/plans/$PLAN/activities" -d '{"code":"I.1","section":"I","title":"t","products":["Báo cáo"],"timeline":"Năm 2024"}' >/dev/null

samples=()
for i in $(seq 1 "$N"); do
  due=$(date -d "2025-01-01 + $i days" +%F)
  version=$(json "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" \
    -d "{\"newDue\":\"$due\",\"reason\":\"latency probe\"}" | sed -E 's/.*"version":([0-9]+).*/\1/')
  start=$(date +%s%N)
  until curl -fsS -u "$AUTH" "$Q/api/plans/$PLAN/activities/I.1" 2>/dev/null | grep -q "\"version\":${version}[,}]"; do
    sleep 0.005
  done
  samples+=($(( ($(date +%s%N) - start) / 1000000 )))
  sleep 0.$((RANDOM % 5))
done
printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1; s+=$1} END {
  printf "command → query side over %d commands: avg %.0f ms, median %d ms, p95 %d ms, max %d ms\n",
    NR, s/NR, a[int((NR+1)/2)], a[int(NR*0.95+0.999)], a[NR] }'
