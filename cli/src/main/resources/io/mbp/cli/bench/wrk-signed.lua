-- `mbp bench daemon --generator wrk` (docs/benchmarks.md): sends requests signed ahead of the run, each
-- once. wrk cannot compute HMAC-SHA256, so the bench signs every request in Java (timestamps spread so
-- no two writes share a key, timestamp and signature: the daemon refuses a replayed write) and writes
-- them to a tab-separated file, one request per line:
--   method, path, Idempotency-Key (empty: none), key id, timestamp, signature, body
-- Arguments after wrk's `--`: the file, and wrk's thread count. Thread k takes lines k, k + n, k + 2n, ...
-- When a thread has sent all of its lines it starts over and counts a wrap; `done` reports the wraps, and
-- the bench refuses a run with any (a repeated write is answered 401 REQUEST_REPLAYED, no order).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, n = args[1], tonumber(args[2])
  requests = {}
  wraps = 0
  local line_no = 0
  for line in io.lines(file) do
    if line_no % n == id then
      local method, path, idem, key, ts, sig, body =
        line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = { ["MBP-Key-Id"] = key, ["MBP-Timestamp"] = ts, ["MBP-Signature"] = sig }
      if idem ~= "" then headers["Idempotency-Key"] = idem end
      if body == "" then body = nil end -- as the Java generator: no Content-Type (the daemon reads JSON)
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
    line_no = line_no + 1
  end
  if #requests == 0 then error("no request for thread " .. id .. " in " .. file) end
  cursor = 0
end

function request()
  cursor = cursor + 1
  if cursor > #requests then
    cursor = 1
    wraps = wraps + 1
  end
  return requests[cursor]
end

function done(summary, latency, requests)
  local wrapped = 0
  for _, t in ipairs(threads) do wrapped = wrapped + t:get("wraps") end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors_status":%d,"errors_connect":%d,'
      .. '"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"wraps":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.connect,
    e.read, e.write, e.timeout, wrapped))
end
