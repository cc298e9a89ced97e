-- wrk script of the API overhead benchmark (bench/api/run.sh), configured by environment:
--   BENCH_MODE      get (the URL as given, static request) or post (a new import per request)
--   BENCH_API_KEY   sent as X-Api-Key
--   BENCH_RUN       distinguishes runs, so idempotency keys never repeat across runs
--   BENCH_APP_ID, BENCH_ROLE_ARN, BENCH_S3_URL   the import posted (post mode)
--   BENCH_DELAY_MS  optional pause before each request of a connection (paced load)
-- Prints one WRK_RESULT line the harness parses.
local mode = os.getenv("BENCH_MODE") or "get"
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local threads_started = 0
local threads = {}
-- BENCH_EXPECT_STATUS (optional): count answers with any other status (bench/etag/run.sh)
local expect_status = tonumber(os.getenv("BENCH_EXPECT_STATUS") or "0")

function setup(thread)
   threads_started = threads_started + 1
   thread:set("thread_id", threads_started)
   table.insert(threads, thread)
end

function init(args)
   api_key = os.getenv("BENCH_API_KEY") or ""
   run_id = os.getenv("BENCH_RUN") or "0"
   app_id = os.getenv("BENCH_APP_ID")
   role_arn = os.getenv("BENCH_ROLE_ARN")
   s3_url = os.getenv("BENCH_S3_URL")
   sequence = 0
   unexpected = 0
   wrk.headers["X-Api-Key"] = api_key
   wrk.headers["Accept"] = "application/json"
   -- BENCH_IF_NONE_MATCH (optional): an ETag to revalidate with (bench/etag/run.sh)
   local etag = os.getenv("BENCH_IF_NONE_MATCH")
   if etag and etag ~= "" then
      wrk.headers["If-None-Match"] = etag
   end
end

if mode == "post" then
   -- Unique body and Idempotency-Key per request: each one is a new import.
   function request()
      sequence = sequence + 1
      local key = string.format("wrk-%s-%d-%d", run_id, thread_id, sequence)
      local body = string.format(
         '{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"%s","roleArn":"%s"}',
         app_id, s3_url, key, role_arn)
      local headers = {
         ["Host"] = wrk.host,
         ["X-Api-Key"] = api_key,
         ["Accept"] = "application/json",
         ["Content-Type"] = "application/json",
         ["Idempotency-Key"] = key,
      }
      return wrk.format("POST", nil, headers, body)
   end
end

if delay_ms > 0 then
   function delay()
      return delay_ms
   end
end

if expect_status > 0 then
   function response(status, headers, body)
      if status ~= expect_status then
         unexpected = unexpected + 1
      end
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   local unexpected_total = 0
   for _, thread in ipairs(threads) do
      unexpected_total = unexpected_total + (thread:get("unexpected") or 0)
   end
   io.write(string.format(
      "WRK_RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d status_errors=%d socket_errors=%d unexpected_status=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write + e.timeout, unexpected_total))
end
