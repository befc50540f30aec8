-- POST /api/plans: one new plan (a new aggregate, one event) per request. BENCH_AUTH_HEADER: Authorization value.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("prefix", string.format("wrk-%d-%d-", os.time() % 1000000, threads))
end
local n = 0
local headers = {["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BENCH_AUTH_HEADER")}
function request()
  n = n + 1
  local body = string.format(
    '{"planId":"%s%d","title":"bench","year":2024,"decision":{"number":"1/QĐ-UBND","date":"2024-01-02"}}', prefix, n)
  return wrk.format("POST", "/api/plans", headers, body)
end
