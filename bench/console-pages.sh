#!/usr/bin/env bash
# Server time of each console page (README, "Web console"), with a signed-in session's cookie, so no password is
# hashed per request: wrk on one connection per page (the time one user waits, not a throughput figure), p50/p95/p99.
# Needs the services running (./planledger up --detach) with the Sơn La plan; a benchmark, not a test.
# usage: bench/console-pages.sh [SECONDS=10]   env: Q (default http://127.0.0.1:${PLANLEDGER_QUERY_PORT:-8082}),
#        PLAN (sonla-cchc-2024), ACTIVITY (IV.8), PLANLEDGER_DEMO_PASSWORD (demo), OUT (target/bench/console-pages.md)
#        (bench/console-pages-large.sh runs it on a generated plan of 10,000 activities)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_PAGE="${1:-10}"
Q="${Q:-http://127.0.0.1:${PLANLEDGER_QUERY_PORT:-8082}}"
PLAN="${PLAN:-sonla-cchc-2024}"
ACTIVITY="${ACTIVITY:-IV.8}"
PW="${PLANLEDGER_DEMO_PASSWORD:-demo}"
OUT="${OUT:-$ROOT/target/bench/console-pages.md}"
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 1; }
mkdir -p "$(dirname "$OUT")"
JAR="$(mktemp -d)"
trap 'rm -rf "$JAR"' EXIT

# signs in through the console's form (CSRF token from the sign-in page) and prints the session cookie
session() {
  local jar="$JAR/$1" csrf
  csrf="$(curl -fsS -c "$jar" "$Q/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')"
  [ -n "$csrf" ] || { echo "no CSRF token on $Q/login" >&2; exit 1; }
  curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=$1" --data-urlencode "password=$PW" \
    --data-urlencode "_csrf=$csrf" "$Q/login"
  awk '$6 == "JSESSIONID" { print "JSESSIONID=" $7 }' "$jar"
}
AT="$(date -u +%FT%TZ)"
INSPECTOR="$(session inspector)"
ADMIN="$(session admin)"

P="/ui/plans/$PLAN"
pages=(
  "plan|$INSPECTOR|$P"
  "plan, search without diacritics|$INSPECTOR|$P?q=cai+cach+hanh+chinh"
  "plan as recorded at the run's start (history)|$INSPECTOR|$P?asOf=$AT"
  "plan in force on adoption|$INSPECTOR|$P?validAt=2024-01-01"
  "activity $ACTIVITY|$INSPECTOR|$P/activities/$ACTIVITY"
  "baseline from adoption|$INSPECTOR|$P/baseline"
  "agencies|$INSPECTOR|$P/agencies"
  "agency Sở Nội vụ|$INSPECTOR|$P/agencies/so-noi-vu"
  "audit search|$INSPECTOR|$P/audit"
  "audit without basis|$INSPECTOR|$P/audit/without-basis"
  "reports|$INSPECTOR|$P/reports"
  "ledger|$INSPECTOR|/ui/ledger?planId=$PLAN"
  "form: reschedule $ACTIVITY|$ADMIN|$P/activities/$ACTIVITY/change/reschedule"
  "form: assign $ACTIVITY|$ADMIN|$P/activities/$ACTIVITY/change/assign"
)
{
  echo "Console pages, $(date -u +%FT%TZ), $Q, plan $PLAN, ${SECONDS_PER_PAGE}s per page, 1 connection; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| page | requests | p50 ms | p95 ms | p99 ms | max ms | non-2xx | socket errors |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$OUT"
for entry in "${pages[@]}"; do
  IFS='|' read -r name cookie path <<<"$entry"
  # a page that answers the sign-in form instead (session lost) would measure the wrong thing
  code="$(curl -sS -o "$JAR/page" -w '%{http_code}' -H "Cookie: $cookie" "$Q$path")"
  if [ "$code" != 200 ] || grep -q 'id="sign-in"' "$JAR/page"; then
    echo "$name: $path answers $code without the page; stopping" >&2; exit 1
  fi
  curl -sS -o /dev/null -H "Cookie: $cookie" "$Q$path" # warm
  line="$(BENCH_COOKIE="$cookie" BENCH_PATH="$path" wrk -t1 -c1 -d"${SECONDS_PER_PAGE}s" --timeout 30s \
    -s "$ROOT/bench/wrk/console-page.lua" "$Q" | grep '^PAGE ')"
  ms() { awk -v v="$(sed -E "s/.* $1=([0-9]+).*/\1/" <<<"$line")" 'BEGIN { printf "%.1f", v / 1000 }'; }
  n="$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")"
  bad="$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$line")"
  errors="$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<<"$line")"
  echo "| $name | $n | $(ms p50_us) | $(ms p95_us) | $(ms p99_us) | $(ms max_us) | $bad | $errors |" >>"$OUT"
done
cat "$OUT"
