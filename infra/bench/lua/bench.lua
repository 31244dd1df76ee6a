-- wrk script for infra/bench: requests taken in turn from a file, one per line, and a JSON summary.
--   wrk ... -s bench.lua <url> -- <file> <mode> [path] [body]
--   mode get:    each line is a path (GET)
--   mode post:   each line is a JSON body POSTed to <path> (raw Elasticsearch _search)
--   mode cookie: each line is a kepu_pid cookie value; <body> is POSTed to <path> (check-in)
--   mode path-cookie: each line is "<path> <kepu_pid cookie>"; <body> is POSTed to that path (feedback)
--   [threads] [offset]: the thread count, and the line to start from (a later run goes on with new lines)
-- Threads take interleaved lines (thread k: k, k+T, k+2T, ...), so no two threads send the same line at
-- the same time; a file shorter than what a run needs wraps around.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  file, mode, path, const = args[1], args[2], args[3], args[4]
  lines = {}
  n = 0
  for line in io.lines(file) do
    if line ~= "" then
      n = n + 1
      lines[n] = line
    end
  end
  step = tonumber(args[5] or "1")
  i = tid - step + tonumber(args[6] or "0")
  json = { ["Content-Type"] = "application/json" }
end

function request()
  i = i + step
  if i >= n then
    i = i % n
  end
  local line = lines[i + 1]
  if mode == "get" then
    return wrk.format("GET", line)
  elseif mode == "post" then
    return wrk.format("POST", path, json, line)
  elseif mode == "path-cookie" then
    local at = line:find(" ", 1, true)
    return wrk.format("POST", line:sub(1, at - 1),
      { ["Content-Type"] = "application/json", ["Cookie"] = "kepu_pid=" .. line:sub(at + 1) }, const)
  else
    return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Cookie"] = "kepu_pid=" .. line }, const)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests":%d,"durationUs":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
      .. '"p50Ms":%.3f,"p90Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f,"meanMs":%.3f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
end
