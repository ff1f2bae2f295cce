-- wrk script: rotate bearer tokens (one per simulated viewer) and write the latency summary as JSON.
local tokens = {}
local counter = 0
local out_path = os.getenv("WRK_OUT") or "wrk.json"
local path = os.getenv("WRK_PATH") or "/api/health"

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

function init(args)
  local file = os.getenv("WRK_TOKENS")
  if file then
    for line in io.lines(file) do
      if #line > 0 then tokens[#tokens + 1] = line end
    end
  end
  n = offset or 0
end

function request()
  n = n + 1
  if #tokens > 0 then
    local token = tokens[(n % #tokens) + 1]
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local f = io.open(out_path, "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  f:close()
end
