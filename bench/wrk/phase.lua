-- One wrk script for every phase of bench/run; the phase and its inputs come from the environment:
--   BENCH_PHASE   get | list | search | create | patch | graphql | overview | batch | forecast
--   BENCH_TOKEN   bearer token of the measured tenant
--   BENCH_IDS     file of contact ids, one a line (get, patch, graphql)
--   BENCH_TERMS   file of search terms, one a line (search)
--   BENCH_OVERVIEW_IDS file of contact ids with a service history, one a line (overview)
--   BENCH_RUN     a word unique to this run, so created emails and external ids never collide
--   BENCH_OUT     file the done hook writes its one-line JSON summary to
-- Non-2xx answers are counted by the response hook; GraphQL answers carrying "errors" and batch
-- items that failed count as errors too, since they are failures with a 200 status.

local phase = os.getenv("BENCH_PHASE")
local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local threads = {}
local next_thread = 0

local function lines(path)
  local out = {}
  if path == nil or path == "" then return out end
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_no", next_thread)
  threads[#threads + 1] = thread
end

-- per-thread state (each wrk thread has its own Lua interpreter)
-- status_errors and item_errors are globals so that done() can read them with thread:get()
local tid, ids, terms, counter, list_request, overview_ids
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local auth_json, auth_patch, auth_get

function init(args)
  tid = tonumber(thread_no) or 1
  math.randomseed(os.time() * 1000 + tid * 7919)
  ids = lines(os.getenv("BENCH_IDS"))
  terms = lines(os.getenv("BENCH_TERMS"))
  overview_ids = lines(os.getenv("BENCH_OVERVIEW_IDS"))
  counter = 0
  status_errors, item_errors = 0, 0
  auth_get = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  auth_json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json",
                ["Accept"] = "application/json" }
  auth_patch = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/merge-patch+json",
                 ["Accept"] = "application/json" }
  list_request = wrk.format("GET", "/v1/contacts?filter=lifecycleStage%20eq%20%22lead%22&sort=-updatedAt&limit=50",
      auth_get)
end

local function random_id()
  return ids[math.random(#ids)]
end

-- Patches walk a shuffled id list, each thread its own stride, so two connections never patch the
-- same contact at the same moment (that would be a correct 412, not a benchmark figure).
local function own_id()
  counter = counter + 1
  local n = #ids
  local k = ((counter * nthreads + tid - 1) % n) + 1
  return ids[k]
end

local batch_items = {}

local function batch_body()
  counter = counter + 1
  local prefix = "b" .. run .. "-" .. tid .. "-" .. counter .. "-"
  local stages = { "subscriber", "lead", "mql", "sql", "opportunity", "customer" }
  for i = 1, 1000 do
    local key = prefix .. i
    batch_items[i] = '{"externalId":"' .. key .. '","firstName":"Batch","lastName":"Carga ' .. i ..
        '","email":"' .. key .. '@batch.example","lifecycleStage":"' .. stages[(i % #stages) + 1] ..
        '","tags":["bench","batch"]}'
  end
  return '{"matchOn":"externalId","items":[' .. table.concat(batch_items, ",") .. ']}'
end

function request()
  if phase == "get" then
    return wrk.format("GET", "/v1/contacts/" .. random_id(), auth_get)
  elseif phase == "list" then
    return list_request
  elseif phase == "search" then
    return wrk.format("POST", "/v1/contacts/search", auth_json, '{"q":"' .. terms[math.random(#terms)] .. '"}')
  elseif phase == "create" then
    counter = counter + 1
    local key = "w" .. run .. "-" .. tid .. "-" .. counter
    return wrk.format("POST", "/v1/contacts", auth_json,
        '{"firstName":"Ana","lastName":"Creada","email":"' .. key .. '@create.example",' ..
        '"lifecycleStage":"lead","tags":["bench"]}')
  elseif phase == "patch" then
    counter = counter + 1
    return wrk.format("PATCH", "/v1/contacts/" .. own_id(), auth_patch,
        '{"firstName":"P' .. run .. "-" .. tid .. "-" .. counter .. '"}')
  elseif phase == "graphql" then
    return wrk.format("POST", "/graphql", auth_json,
        '{"query":"{ contact(id: \\"' .. random_id() ..
        '\\") { id firstName company { name contacts(first: 10) { id email } } } }"}')
  elseif phase == "overview" then
    return wrk.format("GET", "/v1/contacts/" .. overview_ids[math.random(#overview_ids)] .. "/overview", auth_get)
  elseif phase == "batch" then
    return wrk.format("POST", "/v1/contacts/batch/upsert", auth_json, batch_body())
  elseif phase == "forecast" then
    return wrk.format("GET", "/v1/analytics/forecast?period=quarter", auth_get)
  end
  return wrk.format()
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    status_errors = status_errors + 1
    first_error = first_error or (status .. " " .. body:sub(1, 300))
  elseif phase == "graphql" then
    if body:find('"errors"', 1, true) then
      item_errors = item_errors + 1
      first_error = first_error or body:sub(1, 300)
    end
  elseif phase == "batch" then
    local failed = tonumber(body:match('"failed":(%d+)')) or 1000
    item_errors = item_errors + failed
  end
end

local function json_string(s)
  if s == nil then return "null" end
  s = tostring(s):gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end)
  return '"' .. s .. '"'
end

-- wrk calls these thread getters from the main interpreter in done()
function done(summary, latency, requests)
  local non2xx, items, first = 0, 0, nil
  for _, t in ipairs(threads) do
    non2xx = non2xx + (tonumber(t:get("status_errors")) or 0)
    items = items + (tonumber(t:get("item_errors")) or 0)
    first = first or t:get("first_error")
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local out = string.format(
      '{"phase":"%s","requests":%d,"seconds":%.3f,"rps":%.2f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
      '"non2xx":%d,"wrk_status_errors":%d,"socket_errors":%d,"item_errors":%d,"first_error":%s}\n',
      phase, summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, non2xx, e.status, socket, items, json_string(first))
  local path = os.getenv("BENCH_OUT")
  if path and path ~= "" then
    local f = assert(io.open(path, "w"))
    f:write(out)
    f:close()
  end
  io.write(out)
end
