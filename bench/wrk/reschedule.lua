-- POST …/milestones/{id}/reschedule spread over the paths listed in BENCH_TARGETS (a Lua file returning a table).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local targets = dofile(os.getenv("BENCH_TARGETS"))
local headers = {["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BENCH_AUTH_HEADER")}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
function init(args)
  math.randomseed(os.time() + seed * 7919)
end
function request()
  local due = os.date("!%Y-%m-%d", 1704067200 + math.random(0, 999) * 86400)
  local body = string.format('{"newDue":"%s","reason":"bench","basis":{"number":"%d/UBND-KGVX","date":"2024-03-01"}}',
    due, math.random(1, 500))
  return wrk.format("POST", targets[math.random(1, #targets)], headers, body)
end
