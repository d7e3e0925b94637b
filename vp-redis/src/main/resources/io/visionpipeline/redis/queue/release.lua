-- Hands jobs back to the group without acknowledging them: any worker claims them (XAUTOCLAIM) once
-- they have been idle for the visibility timeout. Setting the idle time delays the retry (backoff);
-- a refund takes back the delivery that did not really happen (graceful shutdown).
-- KEYS[1] job stream; then one error key per job
-- ARGV[1] group, ARGV[2] this worker (consumer), ARGV[3] error TTL ms;
-- then for each job: entry id, idle ms to set, refund ('1'/'0'), error JSON ('' = none)
-- returns one integer per job: 1 = released, 0 = no longer this worker's (another claimed it)
local stream, group, me = KEYS[1], ARGV[1], ARGV[2]
local out = {}
for i = 0, #KEYS - 2 do
  local a = 4 + i * 4
  local entry, idle, refund, err = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local p = redis.call('XPENDING', stream, group, entry, entry, 1)
  if p[1] and p[1][2] == me then
    local count = tonumber(p[1][4])
    if refund == '1' and count > 0 then count = count - 1 end
    redis.call('XCLAIM', stream, group, me, 0, entry, 'IDLE', idle, 'RETRYCOUNT', count, 'JUSTID')
    if err ~= '' then redis.call('SET', KEYS[2 + i], err, 'PX', ARGV[3]) end
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
