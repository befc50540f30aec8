-- GET BENCH_PATH with the console's session cookie (BENCH_COOKIE); one machine-readable line at the end of a run,
-- with the p95 the console's goal is stated in (bench/console-pages.sh).
local headers = {["Cookie"] = os.getenv("BENCH_COOKIE")}
local path = os.getenv("BENCH_PATH")
function request()
  return wrk.format("GET", path, headers)
end
function done(summary, latency, requests)
  io.write(string.format("PAGE requests=%d non2xx=%d socket_errors=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
