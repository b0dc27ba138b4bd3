-- wrk script of the benchmark: the same client for the baseline and the purchase routes.
-- Arguments (after --): mode, tokens file, sales file, first index, wrap, threads
--   mode "get": GET the URL's path (the baseline, GET /api/time)
--   mode "buy": POST /api/sales/{sale}/purchases with a shopper's token. Request index i picks the
--     pair (shopper i mod S, sale (i div S) mod N), so no pair repeats until all S*N are used;
--     thread t takes indices first + t, first + t + threads, ... (wrapped into [first, first + wrap)).
--   mode "rand": POST /api/sales/{first sale}/purchases with a token picked at random per request (a
--     crowd arriving at once); "first index" is a seed, "wrap" the folder where each thread writes the
--     request ids it was answered, one line each: "A <id>" for a 202, "U <id>" for a 503 naming one,
--     and first "T <epoch microseconds>" when it sends its first request (the burst's clock starts at
--     the first request sent, not at wrk's start, which reads the tokens first).
-- In "rand" mode each thread also counts its answers by status per 100 ms from its first request,
-- for the first 3 s (the opening of a sale, where the first-sight costs are).
-- done() prints one line "WRK {json}" with the counts by status, the latency percentiles and that timeline.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } flashsale_timespec;
  int clock_gettime(int clock, flashsale_timespec *ts);
]]
local timespec = ffi.new("flashsale_timespec")

-- The wall clock (CLOCK_REALTIME, as the JVM's and PostgreSQL's timestamps) in microseconds.
local function now_us()
  ffi.C.clock_gettime(0, timespec)
  return tonumber(timespec.tv_sec) * 1000000 + math.floor(tonumber(timespec.tv_nsec) / 1000)
end

local threads = {}
local created = 0

function setup(thread)
  thread:set("tid", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  tokens, sales = {}, {}
  if mode == "buy" or mode == "rand" then
    for line in io.lines(args[2]) do tokens[#tokens + 1] = line end
    for line in io.lines(args[3]) do sales[#sales + 1] = line end
  end
  first = tonumber(args[4])
  wrap = tonumber(args[5])
  step = tonumber(args[6])
  k = tid
  statuses = {}
  timeline = {}
  last = first - 1
  get = wrk.format("GET", wrk.path)
  if mode == "rand" then
    math.randomseed(first + 7919 * tid)
    ids = assert(io.open(args[5] .. "/ids-" .. tid .. ".txt", "w"))
    ids:setvbuf("line")
    path = "/api/sales/" .. sales[1] .. "/purchases"
  end
end

function request()
  if mode == "get" then
    return get
  end
  if mode == "rand" then
    if not sent then
      sent = true
      started_us = now_us()
      ids:write("T ", string.format("%d", started_us), "\n")
    end
    return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] }, "")
  end
  local i = first + (k % wrap)
  k = k + step
  last = i
  local u = i % #tokens
  local s = math.floor(i / #tokens) % #sales
  return wrk.format("POST", "/api/sales/" .. sales[s + 1] .. "/purchases",
    { ["Authorization"] = "Bearer " .. tokens[u + 1] }, "")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if started_us ~= nil then
    local bucket = math.floor((now_us() - started_us) / 100000)
    if bucket < 30 then
      local key = status * 100 + bucket
      timeline[key] = (timeline[key] or 0) + 1
    end
  end
  if ids ~= nil then
    if status == 202 then
      local location = headers["Location"] or headers["location"] or ""
      ids:write("A ", string.match(location, "[^/]+$") or "?", "\n")
    elseif status == 503 and body ~= nil then
      local id = string.match(body, '"requestId"%s*:%s*"([^"]+)"')
      if id ~= nil then ids:write("U ", id, "\n") end
    end
  end
end

function done(summary, latency, requests)
  local total = {}
  local slices = {}
  local reached = nil
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do
      total[code] = (total[code] or 0) + n
    end
    for key, n in pairs(t:get("timeline")) do
      slices[key] = (slices[key] or 0) + n
    end
    local l = t:get("last")
    if reached == nil or l < reached then reached = l end
  end
  local parts = {}
  for code, n in pairs(total) do
    parts[#parts + 1] = string.format('"%d":%d', code, n)
  end
  local series = {}
  for key, n in pairs(slices) do
    series[#series + 1] = string.format('"%d_%d":%d', math.floor(key / 100), key % 100, n)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"durationUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,'
      .. '"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"minLastIndex":%d,"statuses":{%s},'
      .. '"timeline":{%s}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    reached or -1, table.concat(parts, ","), table.concat(series, ",")))
end
