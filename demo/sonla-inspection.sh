#!/usr/bin/env bash
# An inspector's session, through the HTTP API alone (see README "Point in time"): load the Sơn La 2024 plan, reschedule
# milestone m1 of IV.8 with an effective date before the day it is entered, reassign IV.8, then ask the audit trail and
# the point-in-time views about it. Needs both services running (./planledger up) and jq.
# C and Q name the services (default http://127.0.0.1:8081 and :8082); PLAN the plan id (default sonla-cchc-2024).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
C="${C:-http://127.0.0.1:8081}"
Q="${Q:-http://127.0.0.1:8082}"
PLAN="${PLAN:-sonla-cchc-2024}"
PW="${PLANLEDGER_DEMO_PASSWORD:-demo}"
show() { printf '\n$ %s\n' "$*"; }

if ! curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN" >/dev/null 2>&1; then
  (cd "$ROOT" && mvn -B -q install -DskipTests -pl shared \
     && mvn -B -q -pl query-side test-compile dependency:build-classpath -Dmdep.outputFile=target/demo.classpath -Dmdep.includeScope=test)
  java -cp "$ROOT/query-side/target/test-classes:$ROOT/query-side/target/classes:$(cat "$ROOT/query-side/target/demo.classpath")" \
    org.planledger.query.history.SonLaOverHttp "$C" "$PLAN"
fi

# the instant just before the change: when the ledger recorded the plan's latest event so far
last_recorded() {
  local cursor="" page at="" last=""
  while :; do
    page="$(curl -fsS -u "inspector:$PW" "$Q/api/audit?planId=$PLAN&limit=1000${cursor:+&cursor=$cursor}")"
    at="$(jq -r '.entries[-1].recordedAt // empty' <<<"$page")"
    [ -n "$at" ] && last="$at"
    [ "$(jq -r .more <<<"$page")" = true ] || break
    cursor="$(jq -r .nextCursor <<<"$page")"
  done
  echo "$last"
}
for _ in $(seq 1 100); do   # until both projections have the whole plan
  BEFORE="$(last_recorded)"
  lead="$(curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/VIII.6?asOf=$BEFORE" 2>/dev/null | jq -r '.lead.id // empty' || true)"
  [ -n "$BEFORE" ] && [ -n "$lead" ] && break; sleep 0.3
done
echo "before the change: $BEFORE"
VERSION="$(curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8" | jq -r .version)"

show "reschedule IV.8 m1 to 2024-12-31, decided 2024-06-01, entered today"
curl -fsS -u "admin:$PW" -H 'Content-Type: application/json' -H "If-Match: \"$VERSION\"" \
  "$C/api/plans/$PLAN/activities/IV.8/milestones/m1/reschedule" \
  -d '{"newDue":"2024-12-31","reason":"chờ Kết luận của Ban Thường vụ Tỉnh ủy","basis":{"number":"1234/UBND-NC","date":"2024-06-01"},"effectiveOn":"2024-06-01"}'
show "reassign IV.8 to Sở Nội vụ"
curl -fsS -u "admin:$PW" -H 'Content-Type: application/json' "$C/api/plans/$PLAN/activities/IV.8/assignment" \
  -d '{"lead":"Sở Nội vụ","coordinators":["Sở Y tế","UBND các huyện, thành phố","Các cơ quan, đơn vị có liên quan"],"reason":"điều chỉnh phân công","basis":{"number":"1235/UBND-NC","date":"2024-06-01"},"effectiveOn":"2024-06-01"}'
for _ in $(seq 1 100); do
  n="$(curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8/history?limit=1000" | jq '[.entries[] | select(.type == "ActivityAssigned")] | length')"
  [ "$n" -ge 2 ] && break; sleep 0.1
done

show "GET $Q/api/plans/$PLAN/activities/IV.8/history  (last two entries)"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8/history?limit=1000" \
  | jq '.entries[-2:][] | {position, type, actor, recordedAt, effectiveOn, reason, basis, requestId, changes: [.changes[].text]}'

show "GET $Q/api/plans/$PLAN/activities/IV.8?asOf=$BEFORE"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8?asOf=$BEFORE" \
  | jq '{asOf, lead: .lead.name, milestones: [.milestones[] | {id, due}]}'
for d in 2024-05-31 2024-06-01; do
  show "GET $Q/api/plans/$PLAN/activities/IV.8?validAt=$d"
  curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8?validAt=$d" \
    | jq '{validAt, lead: .lead.name, milestones: [.milestones[] | {id, due}]}'
done
show "GET $Q/api/plans/$PLAN/activities/IV.8?validAt=2024-06-01&asOf=$BEFORE   (what we knew then about 1 June)"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8?validAt=2024-06-01&asOf=$BEFORE" \
  | jq '{asOf, validAt, lead: .lead.name, milestones: [.milestones[] | {id, due}]}'
show "GET $Q/api/plans/$PLAN/baseline?from=$BEFORE"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/baseline?from=$BEFORE" \
  | jq '{totals, reassignments: [.reassignments[] | {code, leadBefore: .leadBefore.name, leadAfter: .leadAfter.name, effectiveOn, basis}], deadlinesMoved}'
show "GET $Q/api/plans/$PLAN/workload?validAt=2024-09-30   (Sở Y tế and Sở Nội vụ)"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/workload?validAt=2024-09-30" \
  | jq '{asOfDay, validAt, agencies: [.agencies[] | select(.agency.id == "so-y-te" or .agency.id == "so-noi-vu") | {agency: .agency.name, led, milestonesOverdue, milestonesDueNext30Days}]}'
show "GET $Q/api/audit?planId=$PLAN&type=DeadlineRescheduled&limit=5"
curl -fsS -u "inspector:$PW" "$Q/api/audit?planId=$PLAN&type=DeadlineRescheduled&limit=5" | jq '{nextCursor, more, entries: [.entries[] | {code, changes: [.changes[].text]}]}'
