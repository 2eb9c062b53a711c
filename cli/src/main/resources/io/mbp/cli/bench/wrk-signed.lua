-- `mbp bench daemon --generator wrk` (docs/benchmarks.md, ADR 0320): signs every request as it sends it,
-- the way a client does (docs/api-auth.md: hex HMAC-SHA256(secret, ts \n METHOD \n path \n hex(sha256(body))))
-- with OpenSSL's libcrypto, which Debian's wrk is linked with; LuaJIT's FFI calls it, nothing is hashed here.
-- Arguments after wrk's `--`: method, path, key id, secret file, clients, markets, wrk's thread count, orders per
-- request (more than 1: the body is a batch, {"orders": [...]}, for POST /v2/orders/batch, ADR 0155), and the
-- idempotency keys' prefix (a warm-up run's differ from the measured run's).
-- Thread k sends the orders of clients k, k + n, k + 2n, ... (account acct-<c>), the same mix as the java
-- generator (BenchDaemonCommand.orderBody): with 64 markets the i-th order of a client differs from its previous
-- 31,999 (the market shifts by one more at every 500th order, where the amount's cycle restarts), so no write
-- repeats (key, timestamp, signature) within a second unless one client sends 32,000 a second.
local ffi = require("ffi")
ffi.cdef [[
const void *EVP_sha256(void);
unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md);
unsigned char *HMAC(const void *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
]]
local C = ffi.C

local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local HEX = {}
for b = 0, 255 do HEX[b] = string.format("%02x", b) end
local digest = ffi.new("unsigned char[32]")
local digest_len = ffi.new("unsigned int[1]")
local hex_parts = {}

local function digest_hex()
  for k = 0, 31 do hex_parts[k + 1] = HEX[digest[k]] end
  return table.concat(hex_parts)
end

function init(args)
  method, path, key_id = args[1], args[2], args[3]
  local f = assert(io.open(args[4], "rb"))
  secret = f:read("*a")
  f:close()
  local clients, n = tonumber(args[5]), tonumber(args[7])
  markets = tonumber(args[6])
  per_request = tonumber(args[8] or "1")
  key_prefix = args[9]
  write = method ~= "GET"
  sha256 = C.EVP_sha256()
  mine, sent, turn = {}, {}, 0
  for c = id, clients - 1, n do
    mine[#mine + 1] = c
    sent[c] = 0
  end
  if write and #mine == 0 then error("wrk thread " .. id .. " has no client: more threads than clients") end
end

function request()
  local body, idempotency_key = nil, nil
  if write then
    turn = turn % #mine + 1
    local c = mine[turn]
    local first = sent[c]
    local orders = {}
    for j = 1, per_request do
      local i = first + j - 1
      orders[j] = '{"market":"BENCH-' .. (i + c + math.floor(i / 500)) % markets .. '","account":"acct-' .. c .. '","outcome":"'
        .. (i % 2 == 0 and "YES" or "NO") .. '","side":"buy","amount":' .. (1000 + i % 500) .. '}'
    end
    sent[c] = first + per_request
    body = per_request == 1 and orders[1] or '{"orders":[' .. table.concat(orders, ",") .. ']}'
    idempotency_key = key_prefix .. c .. "-" .. first
  end
  local ts = tostring(os.time())
  C.SHA256(body or "", body and #body or 0, digest)
  local text = ts .. "\n" .. method .. "\n" .. path .. "\n" .. digest_hex()
  C.HMAC(sha256, secret, #secret, text, #text, digest, digest_len)
  local headers = { ["MBP-Key-Id"] = key_id, ["MBP-Timestamp"] = ts, ["MBP-Signature"] = digest_hex() }
  if idempotency_key then headers["Idempotency-Key"] = idempotency_key end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"mean_us":%d,"p50_us":%d,"p99_us":%d,"errors_status":%d,"errors_connect":%d,'
      .. '"errors_read":%d,"errors_write":%d,"errors_timeout":%d}\n',
    summary.requests, summary.duration, latency.mean, latency:percentile(50), latency:percentile(99), e.status, e.connect,
    e.read, e.write, e.timeout))
end
