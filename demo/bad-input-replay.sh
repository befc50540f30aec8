#!/usr/bin/env bash
# Replays hostile and lenient requests against both running services and checks each answer: no 5xx (but a
# deliberate 503), every 4xx problem+json with code, field and rule, nothing of the inside leaked (SQL, class or
# package names, stack traces), nothing echoed at length, and every lenient case refused with a 400.
# Usage: C=http://127.0.0.1:8081 Q=http://127.0.0.1:8082 demo/bad-input-replay.sh   (needs curl and jq)
set -uo pipefail
C="${C:-http://127.0.0.1:8081}"
Q="${Q:-http://127.0.0.1:8082}"
PASSWORD="${PLANLEDGER_DEMO_PASSWORD:-demo}"
PLAN="replay-$(date +%s)"
pass=0 fail=0
out=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$out" "$work"' EXIT

# check LABEL EXPECTED-STATUS curl-args...   (EXPECTED may be a list such as 400|415)
check() {
  local label="$1" expected="$2"; shift 2
  local meta status type size
  meta=$(curl -s -o "$out" -w '%{http_code} %{content_type} %{size_download}' "$@")
  read -r status type size <<<"$meta"
  local why=""
  [[ "$status" =~ ^($expected)$ ]] || why="status $status, expected $expected"
  if [ -z "$why" ] && [ "$status" -ge 400 ]; then
    [[ "$type" == application/problem+json* ]] || why="content type '$type'"
    [ -z "$why" ] && ! jq -e 'has("code") and has("field") and has("rule")' "$out" >/dev/null 2>&1 \
      && why="problem without code/field/rule: $(head -c 200 "$out")"
  fi
  if [ -z "$why" ] && grep -Eqi 'insert into|select |java\.|org\.(springframework|planledger|axon|postgresql|apache)|exception|\\x[0-9a-f]{6}|at [a-z]+\.[a-z]+\(' "$out"; then
    why="leaks: $(head -c 200 "$out")"
  fi
  [ -z "$why" ] && [ "$size" -gt 4000 ] && why="answer of $size bytes"
  if [ -z "$why" ]; then
    pass=$((pass + 1)); printf 'ok   %-58s %s %s\n' "$label" "$status" "$(jq -r '[.code, .field, .rule] | map(. // "-") | join(" ")' "$out" 2>/dev/null)"
  else
    fail=$((fail + 1)); printf 'FAIL %-58s %s\n' "$label" "$why"
  fi
}

admin=(-u "admin:$PASSWORD")
json=(-H 'Content-Type: application/json')
big=$(head -c 1048576 /dev/zero | tr '\0' 'a')
tenk=$(head -c 10240 /dev/zero | tr '\0' 'u')
printf 'X-Big: %s\n' "${big:0:204800}" > "$work/header"   # curl itself refuses to send a 1 MB header line
printf '{"lead":"%s"}' "$big" > "$work/lead.json"
printf '{"code":"I.2","section":"I","title":"t","timeline":"Tháng 01/2024","products":["%s"]}' "$big" > "$work/product.json"

check "create plan" 201 "${admin[@]}" "${json[@]}" "$C/api/plans" \
  -d "{\"planId\":\"$PLAN\",\"title\":\"Kế hoạch\",\"year\":2024,\"decision\":{\"number\":\"1/QĐ\",\"date\":\"2023-12-25\"}}"
check "register activity" 201 "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities" \
  -d '{"code":"I.1","section":"I","title":"Hoạt động","products":["Quyết định"],"timeline":"Tháng 01/2024","notes":""}'

echo "-- 5xx seen before"
check "Content-Type */* on a command" 415 "${admin[@]}" -H 'Content-Type: */*' "$C/api/plans" -d '{}'
check "password over 72 bytes" 400 "${admin[@]}" "${json[@]}" "$C/api/admin/users" \
  -d "{\"username\":\"long-pw\",\"role\":\"INSPECTOR\",\"password\":\"$(printf 'x%.0s' {1..80})\"}"

echo "-- 4xx that were not problem+json"
check "%2F in the path" 400 "${admin[@]}" "$C/api/plans/a%2Fb"
check "bad bytes in the path" 400 "${admin[@]}" "$C/api/plans/%ff%fe"
check "8 KB path" "400|404|414" "${admin[@]}" "$C/api/plans/$(head -c 8200 /dev/zero | tr '\0' 'p')"
check "malformed Content-Type" "400|415" "${admin[@]}" -H 'Content-Type: application/json;;;=' "$C/api/plans" -d '{}'
check "200 KB header" "400|431" "${admin[@]}" -H "@$work/header" "$C/api/plans"
check "10 KB Basic user name" "400|401|431" -u "$tenk:x" "$C/api/plans/x"
check "%2e%2e in the path" 400 "${admin[@]}" "$C/api/plans/%2e%2e/x"
check "; in the path" 400 "${admin[@]}" "$C/api/plans/x;y=1/activities"
check "backslash in the path" 400 "${admin[@]}" "$C/api/plans/x%5Cy"
check "non-ASCII Idempotency-Key" 400 "${admin[@]}" "${json[@]}" -H $'Idempotency-Key: kh\xc3\xb3a' "$C/api/plans" \
  -d "{\"planId\":\"$PLAN-k\",\"title\":\"t\",\"year\":2024,\"decision\":{\"number\":\"1\",\"date\":\"2023-12-25\"}}"
check "415 multipart on a JSON route" 415 "${admin[@]}" -F 'a=b' "$C/api/plans"
check "405 GET on a command" 405 "${admin[@]}" "$C/api/plans/$PLAN/activities/I.1/cancellation"
check "406 Accept text/html" 406 "${admin[@]}" -H 'Accept: text/html' "$C/api/admin/users"
check "404 no such route" 404 "${admin[@]}" "$C/api/nothing-here"
check "query 404 no such route" 404 -u "inspector:$PASSWORD" "$Q/api/nothing-here"
check "limit=abc" 400 -u "inspector:$PASSWORD" "$Q/api/audit?limit=abc"
check "limit=1.5" 400 -u "inspector:$PASSWORD" "$Q/api/audit?limit=1.5"
check "position=abc" 400 -u "inspector:$PASSWORD" "$Q/api/ledger/verify?digest=00&position=abc"
check "baseline without from" 400 -u "inspector:$PASSWORD" "$Q/api/plans/$PLAN/baseline"
check "unauthenticated" 401 "$Q/api/plans/$PLAN"
check "forbidden" 403 -u "inspector:$PASSWORD" "${json[@]}" "$C/api/plans" -d '{}'

echo "-- leaks"
check "plan id taken (409 DUPLICATE)" 409 "${admin[@]}" "${json[@]}" "$C/api/plans" \
  -d "{\"planId\":\"$PLAN\",\"title\":\"Kế hoạch\",\"year\":2024,\"decision\":{\"number\":\"1/QĐ\",\"date\":\"2023-12-25\"}}"
check "array for a text field" 400 "${admin[@]}" "${json[@]}" "$C/api/plans" -d '{"planId":["x"]}'
check "1 MB lead (echo bounded)" 400 "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities/I.1/assignment" \
  --data-binary "@$work/lead.json"
check "1 MB unknown agency (echo bounded)" "400|422" "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities/I.1/assignment" \
  -d "{\"lead\":\"${big:0:250}\"}"

echo "-- lenient input"
for body in '"planId":123' '"planId":true' '"title":1.5'; do
  check "number or boolean as text {$body}" 400 "${admin[@]}" "${json[@]}" "$C/api/plans" \
    -d "{$body,\"title\":\"t\",\"year\":2024,\"decision\":{\"number\":\"1\",\"date\":\"2023-12-25\"}}"
done
for due in 20240101 '"-999999999-01-01"' '" 2024-01-01"' '"2024-01-01T00:00:00Z"' '"2024-02-30"' '"+57385-07-07"'; do
  check "newDue: $due" 400 "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" \
    -d "{\"newDue\":$due,\"reason\":\"r\"}"
done
check "10,000 products" 400 "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities" \
  -d "{\"code\":\"I.2\",\"section\":\"I\",\"title\":\"t\",\"timeline\":\"Tháng 01/2024\",\"products\":[$(yes '"p"' | head -n 10000 | paste -sd,)]}"
check "one 1 MB product" 400 "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities" \
  --data-binary "@$work/product.json"
check "NUL in a text field" 400 "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" \
  -d '{"newDue":"2024-03-31","reason":"a\u0000b"}'
check "trailing garbage after the JSON" 400 "${admin[@]}" "${json[@]}" "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" \
  -d '{"newDue":"2024-03-31","reason":"r"} x'
check "asOf as a local date-time" 400 -u "inspector:$PASSWORD" "$Q/api/plans/$PLAN?asOf=2024-06-20T10:00:00"

echo "-- If-Match"
check "weak If-Match W/\"1\"" 400 "${admin[@]}" "${json[@]}" -H 'If-Match: W/"1"' \
  "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" -d '{"newDue":"2024-03-31","reason":"r"}'
check "bare If-Match 1" 400 "${admin[@]}" "${json[@]}" -H 'If-Match: 1' \
  "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" -d '{"newDue":"2024-03-31","reason":"r"}'
check "reschedule to 2024-03-31" 200 "${admin[@]}" "${json[@]}" -H 'If-Match: "1"' \
  "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" -d '{"newDue":"2024-03-31","reason":"r"}'
check "stale If-Match on a no-op reschedule" 412 "${admin[@]}" "${json[@]}" -H 'If-Match: "1"' \
  "$C/api/plans/$PLAN/activities/I.1/milestones/m1/reschedule" -d '{"newDue":"2024-03-31","reason":"r"}'

echo "-- OpenAPI"
for base in "$C" "$Q"; do
  if curl -sf "$base/v3/api-docs" | jq -e '.openapi == "3.1.0" and (.info.title | length > 0)' >/dev/null; then
    pass=$((pass + 1)); echo "ok   $base/v3/api-docs is OpenAPI 3.1.0 with info"
  else
    fail=$((fail + 1)); echo "FAIL $base/v3/api-docs"
  fi
done

echo "passed $pass, failed $fail"
[ "$fail" -eq 0 ]
