"""The Redis wave store's script, kept in Python so that it ships inside the package."""

from __future__ import annotations

OBSERVE = """\
-- Add one post to its wave cluster, atomically: Redis runs a script alone, so two
-- workers that see the same new flood at once cannot start two clusters for it.
-- ARGV: prefix, at, content id, account, minhash, similarity, horizon, max members,
--       id for a new cluster, number of windows, window seconds..., band keys...
local p, at, content, account, sig = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local threshold, horizon, members = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local nwindows = tonumber(ARGV[10])

local function similarity(a, b)
  if #a ~= #b or #a == 0 then return 0 end
  local same, n = 0, #a / 4
  for i = 0, n - 1 do
    if string.sub(a, i * 4 + 1, i * 4 + 4) == string.sub(b, i * 4 + 1, i * 4 + 4) then same = same + 1 end
  end
  return same / n
end

-- The earliest live cluster that shares a band and is similar enough.
local best, best_first, checked = nil, nil, {}
for i = 11 + nwindows, #ARGV do
  local cid = redis.call('GET', p .. ':k:' .. ARGV[i])
  if cid and not checked[cid] then
    checked[cid] = true
    local meta = redis.call('HMGET', p .. ':c:' .. cid, 'sig', 'first')
    local first = tonumber(meta[2])
    if meta[1] and first and (best == nil or first < best_first) and similarity(sig, meta[1]) >= threshold then
      best, best_first = cid, first
    end
  end
end
if best == nil then
  best = ARGV[9]
  redis.call('HSET', p .. ':c:' .. best, 'sig', sig, 'first', ARGV[2], 'rep', content)
end

local ck, tk, ak = p .. ':c:' .. best, p .. ':t:' .. best, p .. ':a:' .. best
redis.call('ZADD', tk, ARGV[2], content)
if account ~= '' then redis.call('ZADD', ak, 'GT', ARGV[2], account) end
local last = tonumber(redis.call('ZRANGE', tk, -1, -1, 'WITHSCORES')[2])
for _, key in ipairs({tk, ak}) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', last - horizon)
  redis.call('ZREMRANGEBYRANK', key, 0, -members - 1)
  redis.call('EXPIRE', key, horizon)
end
redis.call('EXPIRE', ck, horizon)
for i = 11 + nwindows, #ARGV do
  redis.call('SET', p .. ':k:' .. ARGV[i], best, 'EX', horizon)
end

local out = {best, redis.call('HGET', ck, 'rep')}
for i = 11, 10 + nwindows do
  local cutoff = '(' .. string.format('%.6f', at - tonumber(ARGV[i]))
  local first = redis.call('ZRANGEBYSCORE', tk, cutoff, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  out[#out + 1] = redis.call('ZCOUNT', tk, cutoff, '+inf')
  out[#out + 1] = redis.call('ZCOUNT', ak, cutoff, '+inf')
  out[#out + 1] = first[2] or '0'
end
return out
"""
