-- wrk script: rotate bearer tokens (one per simulated viewer) and write the latency summary as JSON.
local tokens = {}
local counter = 0
local threads = {}
local out_path = os.getenv("WRK_OUT") or "wrk.json"
local path = os.getenv("WRK_PATH") or "/api/health"

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = os.getenv("WRK_TOKENS")
  if file then
    for line in io.lines(file) do
      if #line > 0 then tokens[#tokens + 1] = line end
    end
  end
  n = offset or 0
  hits = 0
  misses = 0
end

-- The For You page cache says whether it answered (X-Kindling-Cache: hit / miss) when it is on.
function response(status, headers, body)
  local state = headers["X-Kindling-Cache"]
  if state == "hit" then hits = hits + 1 elseif state == "miss" then misses = misses + 1 end
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
  local total_hits, total_misses = 0, 0
  for _, t in ipairs(threads) do
    total_hits = total_hits + (t:get("hits") or 0)
    total_misses = total_misses + (t:get("misses") or 0)
  end
  local f = io.open(out_path, "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"non_2xx": %d, "socket_errors": %d, "cache_hits": %d, "cache_misses": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    total_hits, total_misses))
  f:close()
end
