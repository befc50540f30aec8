-- GET BENCH_PATH; with BENCH_ASOF_FROM/_TO (epoch seconds), each request asks ?asOf= a random instant between them.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local path = os.getenv("BENCH_PATH")
local from = tonumber(os.getenv("BENCH_ASOF_FROM") or "")
local to = tonumber(os.getenv("BENCH_ASOF_TO") or "")
local auth = os.getenv("BENCH_AUTH_HEADER") or ""
local headers = {}
if auth ~= "" then headers["Authorization"] = auth end
function request()
  local p = path
  if from and to then
    p = path .. "?asOf=" .. os.date("!%Y-%m-%dT%H:%M:%SZ", math.random(from, to))
  end
  return wrk.format("GET", p, headers)
end
