#!/usr/bin/env bash
# An inspector's session, through the HTTP API alone (see README "Point in time"): load the Sơn La 2024 plan, reschedule
# milestone m1 of IV.8 with an effective date before the day it is entered, reassign IV.8, then ask the audit trail and
# the point-in-time views about it; then an amendment decision of five changes (one history entry; the plan the day
# before it is in force and the day it is), a report returned and answered, and an urging notice to Sở Y tế before IV.8's
# due date, shown in Sở Y tế's inspection report. Needs both services running (./planledger up) and jq.
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

# An amendment decision of the People's Committee: five changes, all or nothing, recorded as one history entry.
DECISION="1500/QĐ-UBND"
show "amendment decision $DECISION (in force from 2024-06-15): add I.18, withdraw I.17, amend I.6's timeline, move II.3 m1 and I.12 m1"
curl -fsS -u "admin:$PW" -H 'Content-Type: application/json' "$C/api/plans/$PLAN/amendments" -d '{
  "decision": {"number": "'"$DECISION"'", "date": "2024-06-10"}, "effectiveOn": "2024-06-15",
  "summary": "Điều chỉnh, bổ sung Kế hoạch cải cách hành chính năm 2024",
  "changes": [
    {"kind": "add", "code": "I.18", "section": "I", "title": "Tổ chức Hội nghị sơ kết 6 tháng công tác cải cách hành chính",
     "products": ["Hội nghị sơ kết"], "timeline": "Tháng 7/2024", "lead": "Sở Nội vụ", "coordinators": ["Các sở, ban, ngành"]},
    {"kind": "cancel", "code": "I.17", "reason": "nội dung đã lồng ghép vào hoạt động I.18"},
    {"kind": "amend", "code": "I.6", "timeline": "- Quyết định (tháng 01/2024); - Báo cáo (Tháng 11/2024)"},
    {"kind": "reschedule", "code": "II.3", "milestoneId": "m1", "newDue": "2024-07-31"},
    {"kind": "reschedule", "code": "I.12", "milestoneId": "m1", "newDue": "2024-10-31"}]}'
echo
for _ in $(seq 1 100); do   # until the history and the audit trail both have the decision's last event
  d="$(curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/decisions" | jq --arg n "$DECISION" '[.[] | select(.number == $n)] | length')"
  a="$(curl -fsS -u "inspector:$PW" "$Q/api/audit?planId=$PLAN&type=DeadlineRescheduled&limit=1000" \
    | jq '[.entries[] | select(.code == "I.12")] | length')"
  [ "$d" -ge 1 ] && [ "$a" -ge 1 ] && break; sleep 0.1
done
show "GET $Q/api/audit?planId=$PLAN&type=AmendmentDecided  (the decision: one history entry, its five changes)"
curl -fsS -u "inspector:$PW" "$Q/api/audit?planId=$PLAN&type=AmendmentDecided" \
  | jq '.entries[] | {position, type, actor, recordedAt, effectiveOn, basis, changes: [.changes[1:][].after]}'
show "GET $Q/api/plans/$PLAN/decisions"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/decisions" | jq '.[] | {number, date, effectiveOn, recordedThrough, changes: (.changes | length)}'
for d in 2024-06-14 2024-06-15; do
  show "GET $Q/api/plans/$PLAN?validAt=$d   (the five activities the decision touches, the day before it is in force and the day it is)"
  curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN?validAt=$d" \
    | jq '{validAt, activities: (.activities | length), touched: [.activities[] | select(.code | IN("I.6", "I.12", "I.17", "I.18", "II.3"))
           | {code, status, timeline, m1Due: ([.milestones[] | select(.id == "m1") | .due][0])}]}'
done

# Report review: Sở Y tế (a coordinator of IV.8 since the reassignment) reports, the plan keeper returns the report
# with a reason, Sở Y tế answers it and the answer is accepted. Then an urging notice to Sở Y tế before IV.8's due date.
show "Sở Y tế reports on IV.8 m1; the plan keeper returns it; Sở Y tế answers; the answer is accepted"
REPORT="$(curl -fsS -u "officer-so-y-te:$PW" -H 'Content-Type: application/json' "$C/api/plans/$PLAN/activities/IV.8/reports" \
  -d '{"agency":"so-y-te","milestoneId":"m1","summary":"Đã góp ý dự thảo Đề án","documentNumber":"50/BC-SYT","sentOn":"2024-12-10"}')"
echo "$REPORT"
R1=""   # the new report's id: the one the read model shows from Sở Y tế awaiting review
for _ in $(seq 1 100); do
  R1="$(curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8" \
    | jq -r '[.reports[] | select(.agency.id == "so-y-te" and .review == "AWAITING_REVIEW")][-1].reportId // empty')"
  [ -n "$R1" ] && break; sleep 0.1
done
curl -fsS -u "admin:$PW" -H 'Content-Type: application/json' "$C/api/plans/$PLAN/activities/IV.8/reports/$R1/review" \
  -d '{"outcome":"RETURNED","reason":"thiếu danh mục sản phẩm và số liệu kèm theo"}'
echo
curl -fsS -u "officer-so-y-te:$PW" -H 'Content-Type: application/json' "$C/api/plans/$PLAN/activities/IV.8/reports" \
  -d '{"agency":"so-y-te","milestoneId":"m1","summary":"Bổ sung danh mục sản phẩm","documentNumber":"52/BC-SYT","sentOn":"2024-12-12","answers":"'"$R1"'"}'
echo
R2="r$(( ${R1#r} + 1 ))"
curl -fsS -u "admin:$PW" -H 'Content-Type: application/json' "$C/api/plans/$PLAN/activities/IV.8/reports/$R2/review" \
  -d '{"outcome":"ACCEPTED"}'
echo
show "an urging notice to Sở Y tế on 2024-12-15, before IV.8 m1 is due (2024-12-31)"
curl -fsS -u "admin:$PW" -H 'Content-Type: application/json' "$C/api/plans/$PLAN/notices" \
  -d '{"agency":"Sở Y tế","documentNumber":"125/SNV-CCHC","sentOn":"2024-12-15","milestones":[{"code":"IV.8","milestoneId":"m1"}]}'
echo
for _ in $(seq 1 100); do
  n="$(curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/agencies/so-y-te/notices" | jq 'length')"
  r="$(curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8" | jq "[.reports[] | select(.reportId == \"$R2\" and .review == \"ACCEPTED\")] | length")"
  [ "$n" -ge 1 ] && [ "$r" -ge 1 ] && break; sleep 0.1
done
show "GET $Q/api/plans/$PLAN/activities/IV.8  (the review exchange)"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/activities/IV.8" \
  | jq '[.reports[] | {reportId, agency: .agency.name, sentOn, onTime, answers, review, reviewReason, reviewedOn}]'
show "GET $Q/api/plans/$PLAN/inspection-report?agency=so-y-te&format=json  (IV.8, as recorded now)"
curl -fsS -u "inspector:$PW" "$Q/api/plans/$PLAN/inspection-report?agency=so-y-te&format=json" \
  | jq '{summary: (.summaries[0] | {agencyName, reportsSubmitted, reportsReturned, reportsAwaitingReview}),
         "IV.8": [.activities[] | select(.code == "IV.8") | {role,
           milestones: [.milestones[] | {milestoneId, currentDue, overdueAtCutOff, urgedBeforeDue,
                                          notices: [.notices[] | {documentNumber, sentOn, agencyName}]}],
           reports: [.reports[] | {reportId, documentNumber, answers, review, reviewReason}]}]}'
