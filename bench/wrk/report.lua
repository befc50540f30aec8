-- Shared by the bench/run wrk scripts: one machine-readable line at the end of a run.
function done(summary, latency, requests)
  io.write(string.format("WRK requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
