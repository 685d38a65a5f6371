package redisstore

import "github.com/redis/go-redis/v9"

// The scripts run atomically in Redis. Times are milliseconds of the Redis
// server's clock (see "Clock" in the package documentation); Redis 7
// replicates a script's effects, not the script, so reading TIME before
// writing is allowed. Numbers written as values go through string.format
// so that Lua never prints them in exponent form.

// nowMS is prepended to the scripts that need the server's time.
const nowMS = `
local function nowms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`

// enqueueScript queues jobs, marking each URL seen first when ARGV[1] is
// "1" and skipping the URLs already seen.
//
// KEYS: seen, ready, counts, seq, then the hosts' queues.
// ARGV: onlyNew, n, then n times: queue key index, host, URL, encoded job.
// Returns the new job IDs, "" for the skipped jobs.
var enqueueScript = redis.NewScript(`
local onlyNew = ARGV[1] == '1'
local n = tonumber(ARGV[2])
local ids, queued = {}, 0
for i = 0, n - 1 do
  local b = 3 + i * 4
  local ki, host, url, body = tonumber(ARGV[b]), ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
  if (not onlyNew) or redis.call('SADD', KEYS[1], url) == 1 then
    local id = string.format('%d', redis.call('INCR', KEYS[4]))
    redis.call('RPUSH', KEYS[ki], id .. '|' .. body)
    redis.call('SADD', KEYS[2], host)
    queued = queued + 1
    ids[#ids + 1] = id
  else
    ids[#ids + 1] = ''
  end
end
if queued > 0 then redis.call('HINCRBY', KEYS[3], 'queued', queued) end
return ids
`)

// takeScript leases the host's oldest queued hub, or else its oldest
// queued job.
//
// KEYS: queue, ready, counts, leases, lease:job, lease:who, hubs.
// ARGV: host, worker, lease ms. Returns the job or nil.
var takeScript = redis.NewScript(nowMS + `
local e = redis.call('LPOP', KEYS[7]) or redis.call('LPOP', KEYS[1])
if not e then
  redis.call('SREM', KEYS[2], ARGV[1])
  return false
end
if redis.call('LLEN', KEYS[1]) + redis.call('LLEN', KEYS[7]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
local id = string.sub(e, 1, string.find(e, '|', 1, true) - 1)
redis.call('ZADD', KEYS[4], nowms() + tonumber(ARGV[3]), id)
redis.call('HSET', KEYS[5], id, e)
redis.call('HSET', KEYS[6], id, ARGV[2])
redis.call('HINCRBY', KEYS[3], 'queued', -1)
redis.call('HINCRBY', KEYS[3], 'leased', 1)
return e
`)

// renewScript extends a lease the worker holds.
//
// KEYS: leases, lease:who. ARGV: job ID, worker, lease ms.
// Returns 1, or 0 when the worker does not hold the lease.
var renewScript = redis.NewScript(nowMS + `
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], 'XX', nowms() + tonumber(ARGV[3]), ARGV[1])
return 1
`)

// ackScript forgets a leased job for good.
//
// KEYS: leases, lease:job, lease:who, counts. ARGV: job ID, worker.
// Returns 1, or 0 when the worker does not hold the lease.
var ackScript = redis.NewScript(`
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HINCRBY', KEYS[4], 'leased', -1)
return 1
`)

// expiredScript lists the expired leases, reading only.
//
// KEYS: leases, lease:job. Returns job ID, job, job ID, job, ...
var expiredScript = redis.NewScript(nowMS + `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', nowms())
local out = {}
for _, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', KEYS[2], id) or ''
end
return out
`)

// reapScript puts expired leases back at the front of their hosts' queues,
// checking again that each is still expired (not renewed since it was
// listed).
//
// KEYS: leases, lease:job, lease:who, ready, counts, then the hosts' queues.
// ARGV: n, then n times: job ID, queue key index, host.
// Returns how many jobs went back.
var reapScript = redis.NewScript(nowMS + `
local now = nowms()
local n = tonumber(ARGV[1])
local back, gone = 0, 0
for i = 0, n - 1 do
  local id, ki, host = ARGV[2 + i * 3], tonumber(ARGV[3 + i * 3]), ARGV[4 + i * 3]
  local exp = redis.call('ZSCORE', KEYS[1], id)
  if exp and tonumber(exp) <= now then
    local e = redis.call('HGET', KEYS[2], id)
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    gone = gone + 1
    if e then
      redis.call('LPUSH', KEYS[ki], e)
      redis.call('SADD', KEYS[4], host)
      back = back + 1
    end
  end
end
if gone > 0 then redis.call('HINCRBY', KEYS[5], 'leased', -gone) end
if back > 0 then redis.call('HINCRBY', KEYS[5], 'queued', back) end
return back
`)

// acquireScript grants a fetch slot on a host.
//
// KEYS: slots, next, pause, reqs. ARGV: worker, delay ms, concurrency, hold
// ms, limit (new slots granted in the run; 0: no limit).
// Returns {1, 0, now} when granted, {0, wait ms, now} while paused or
// within the delay, {2, ms until the oldest slot expires, now} when full,
// {3, 0, now} when the host has had limit slots in the run.
var acquireScript = redis.NewScript(nowMS + `
local now = nowms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local p = tonumber(redis.call('GET', KEYS[3]) or '0')
if p > now then return {0, p - now, now} end
local nx = tonumber(redis.call('GET', KEYS[2]) or '0')
if nx > now then return {0, nx - now, now} end
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not held and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {2, tonumber(first[2]) - now, now}
end
local limit = tonumber(ARGV[5])
if not held and limit > 0 then
  if tonumber(redis.call('GET', KEYS[4]) or '0') >= limit then return {3, 0, now} end
  redis.call('INCR', KEYS[4])
end
local until_ = now + tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], until_, ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], string.format('%d', tonumber(last[2]) + 1))
local d = tonumber(ARGV[2])
if d > 0 then redis.call('SET', KEYS[2], string.format('%d', now + d), 'PX', d) end
return {1, 0, now}
`)

// pauseScript keeps a host from starting fetches for ARGV[1] ms (extending,
// never shortening, a pause in force).
//
// KEYS: pause. ARGV: pause ms. Returns the ms left of the pause in force.
var pauseScript = redis.NewScript(nowMS + `
local now = nowms()
local u = now + tonumber(ARGV[1])
local p = tonumber(redis.call('GET', KEYS[1]) or '0')
if u > p then
  redis.call('SET', KEYS[1], string.format('%d', u), 'PX', ARGV[1])
  return u - now
end
return p - now
`)

// setRobotsScript stores a host's robots.txt unless one is stored.
//
// KEYS: robots. ARGV: encoded robots.
// Returns {1, ARGV[1]} when stored, {0, stored value} otherwise.
var setRobotsScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v then return {0, v} end
redis.call('SET', KEYS[1], ARGV[1])
return {1, ARGV[1]}
`)

// requeueScript returns a leased job to a host's queue, front or back, with
// a new encoding (its payload may have changed).
//
// KEYS: leases, lease:job, lease:who, ready, counts, queue.
// ARGV: job ID, worker, host, queue element, "1" for the front.
// Returns 1, or 0 when the worker does not hold the lease.
var requeueScript = redis.NewScript(`
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
if ARGV[5] == '1' then
  redis.call('LPUSH', KEYS[6], ARGV[4])
else
  redis.call('RPUSH', KEYS[6], ARGV[4])
end
redis.call('SADD', KEYS[4], ARGV[3])
redis.call('HINCRBY', KEYS[5], 'leased', -1)
redis.call('HINCRBY', KEYS[5], 'queued', 1)
return 1
`)

// joinScript registers a worker in the crawl's run, starting a run when
// there is none.
//
// KEYS: run, workers, ending, counts. ARGV: worker, resumeWithin ms,
// heartbeat ms. Returns {state, started ms}: state 0 started, 1 joined a
// live run, 2 continues a run whose workers are gone, -1 the previous run
// is being cleared, -2 the run is stale (complete or too old, no live
// worker) and must be cleared first.
var joinScript = redis.NewScript(nowMS + `
local now = nowms()
if redis.call('EXISTS', KEYS[3]) == 1 then return {-1, 0} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local started = redis.call('HGET', KEYS[1], 'started')
local state = 0
if started then
  local live = redis.call('ZCARD', KEYS[2])
  if redis.call('ZSCORE', KEYS[2], ARGV[1]) then live = live - 1 end
  if live > 0 then
    state = 1
  else
    local q = tonumber(redis.call('HGET', KEYS[4], 'queued') or '0')
    local l = tonumber(redis.call('HGET', KEYS[4], 'leased') or '0')
    if (q == 0 and l == 0) or now - tonumber(started) > tonumber(ARGV[2]) then return {-2, 0} end
    state = 2
  end
else
  started = string.format('%d', now)
  redis.call('HSET', KEYS[1], 'started', started)
end
redis.call('ZADD', KEYS[2], string.format('%d', now + tonumber(ARGV[3])), ARGV[1])
redis.call('HSET', KEYS[5], 'joined:' .. ARGV[1], '1')
return {state, tonumber(started)}
`)

// heartbeatScript keeps a worker registered.
//
// KEYS: workers. ARGV: worker, heartbeat ms.
var heartbeatScript = redis.NewScript(nowMS + `
redis.call('ZADD', KEYS[1], string.format('%d', nowms() + tonumber(ARGV[2])), ARGV[1])
return 1
`)

// leaveScript removes a worker from the run and adds its counters to the
// crawl-wide tally; the last worker out of a complete run gets the tally
// and sets the ending flag (cleared by EndRun, or after a minute if the
// worker dies meanwhile).
//
// KEYS: workers, counts, tally, ending. ARGV: worker, done ("1"), then
// counter name and value pairs. Returns {"1", name, value, ...} for the
// last worker out, {"0"} otherwise.
var leaveScript = redis.NewScript(nowMS + `
redis.call('ZREM', KEYS[1], ARGV[1])
for i = 3, #ARGV, 2 do redis.call('HINCRBY', KEYS[3], ARGV[i], ARGV[i + 1]) end
if ARGV[2] ~= '1' then return {'0'} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowms())
if redis.call('ZCARD', KEYS[1]) > 0 then return {'0'} end
local q = tonumber(redis.call('HGET', KEYS[2], 'queued') or '0')
local l = tonumber(redis.call('HGET', KEYS[2], 'leased') or '0')
if q ~= 0 or l ~= 0 then return {'0'} end
redis.call('SET', KEYS[4], '1', 'PX', 60000)
local out = {'1'}
local t = redis.call('HGETALL', KEYS[3])
for i = 1, #t do out[#out + 1] = t[i] end
return out
`)

// claimScript claims a URL for a request unless another request did.
//
// KEYS: fetched. ARGV: URL, request. Returns 1 when the request holds the
// claim.
var claimScript = redis.NewScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then return 1 end
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 1 end
return 0
`)

// expireWorkerScript ends every lease a worker holds now, so that the next
// Reap puts its jobs back: a worker restarted under the same name after a
// crash gives back what its previous life had taken.
//
// KEYS: leases, lease:who. ARGV: worker. Returns how many leases ended.
var expireWorkerScript = redis.NewScript(`
local t = redis.call('HGETALL', KEYS[2])
local n = 0
for i = 1, #t, 2 do
  if t[i + 1] == ARGV[1] then
    redis.call('ZADD', KEYS[1], 'XX', 0, t[i])
    n = n + 1
  end
end
return n
`)

// asideScript gives up a host for the run: its queue, and the listed jobs
// the worker holds leases on, move to the carry list (or are dropped).
//
// KEYS: queue, carry, ready, counts, leases, lease:job, lease:who, hubs.
// ARGV: host, carry ("1"), worker, then job IDs. Returns how many jobs
// moved or were dropped.
var asideScript = redis.NewScript(`
local carry = ARGV[2] == '1'
local es = redis.call('LRANGE', KEYS[8], 0, -1)
for _, e in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do es[#es + 1] = e end
redis.call('DEL', KEYS[1], KEYS[8])
redis.call('SREM', KEYS[3], ARGV[1])
if #es > 0 then redis.call('HINCRBY', KEYS[4], 'queued', -#es) end
if carry then
  for _, e in ipairs(es) do redis.call('RPUSH', KEYS[2], e) end
end
local n = #es
for i = 4, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[7], id) == ARGV[3] then
    local e = redis.call('HGET', KEYS[6], id)
    redis.call('ZREM', KEYS[5], id)
    redis.call('HDEL', KEYS[6], id)
    redis.call('HDEL', KEYS[7], id)
    redis.call('HINCRBY', KEYS[4], 'leased', -1)
    if e and carry then redis.call('RPUSH', KEYS[2], e) end
    n = n + 1
  end
end
return n
`)

// takeCarryScript returns and deletes the carried jobs.
//
// KEYS: carry.
var takeCarryScript = redis.NewScript(`
local es = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return es
`)

// takeNScript leases up to n of the host's queued jobs in one step, so
// that a worker's batch costs one round trip: its oldest hubs first, at most
// a quarter of n (at least one), then its oldest other jobs.
//
// KEYS: queue, ready, counts, leases, lease:job, lease:who, hubs.
// ARGV: host, worker, lease ms, n. Returns the jobs' elements.
var takeNScript = redis.NewScript(nowMS + `
local n = tonumber(ARGV[4])
local es = redis.call('LPOP', KEYS[7], math.max(math.floor(n / 4), 1)) or {}
if #es < n then
  local more = redis.call('LPOP', KEYS[1], n - #es)
  if more then for _, e in ipairs(more) do es[#es + 1] = e end end
end
if redis.call('LLEN', KEYS[1]) + redis.call('LLEN', KEYS[7]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
if #es == 0 then return {} end
local exp = nowms() + tonumber(ARGV[3])
for _, e in ipairs(es) do
  local id = string.sub(e, 1, string.find(e, '|', 1, true) - 1)
  redis.call('ZADD', KEYS[4], exp, id)
  redis.call('HSET', KEYS[5], id, e)
  redis.call('HSET', KEYS[6], id, ARGV[2])
end
redis.call('HINCRBY', KEYS[3], 'queued', -#es)
redis.call('HINCRBY', KEYS[3], 'leased', #es)
return es
`)

// expireLeaseScript ends one lease the worker holds.
//
// KEYS: leases, lease:who. ARGV: job ID, worker. Returns 1, or 0 when the
// worker does not hold the lease.
var expireLeaseScript = redis.NewScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], 'XX', 0, ARGV[1])
return 1
`)

// fileStoryScript files a story under its band keys unless the stories
// filed under them are no longer exactly those the caller matched it
// against: the optimistic check of FileStory in one round trip instead of
// a WATCH transaction's five.
//
// KEYS: storysigs, then the band keys. ARGV: URL, signature, then the URLs
// the caller saw filed under the band keys (none on the first call).
// Returns {1} when filed, or else {0, URL, signature, URL, signature...}:
// what is filed under the band keys now ("" for a signature not stored).
var fileStoryScript = redis.NewScript(`
local bands = {}
for i = 2, #KEYS do bands[#bands + 1] = KEYS[i] end
local urls = redis.call('SUNION', unpack(bands))
local seen = {}
for i = 3, #ARGV do seen[ARGV[i]] = true end
local same = #urls == #ARGV - 2
if same then
  for _, u in ipairs(urls) do
    if not seen[u] then same = false break end
  end
end
if same then
  for _, k in ipairs(bands) do redis.call('SADD', k, ARGV[1]) end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return {1}
end
local out = {0}
if #urls > 0 then
  local sigs = redis.call('HMGET', KEYS[1], unpack(urls))
  for i, u in ipairs(urls) do
    out[#out + 1] = u
    out[#out + 1] = sigs[i] or ''
  end
end
return out
`)
