-- Extends the visibility of a worker's running jobs (resets their idle time; the delivery count is
-- not changed) and reports which were cancelled or claimed by another worker meanwhile.
-- KEYS[1] job stream; then one cancel key per job
-- ARGV[1] group, ARGV[2] this worker (consumer); then one entry id per job
-- returns one integer per job: 0 = extended, 1 = cancelled, 2 = no longer this worker's
local stream, group, me = KEYS[1], ARGV[1], ARGV[2]
local out = {}
for i = 1, #KEYS - 1 do
  local entry = ARGV[2 + i]
  local p = redis.call('XPENDING', stream, group, entry, entry, 1)
  if not p[1] or p[1][2] ~= me then
    out[#out + 1] = 2
  else
    redis.call('XCLAIM', stream, group, me, 0, entry, 'JUSTID')
    if redis.call('EXISTS', KEYS[1 + i]) == 1 then out[#out + 1] = 1 else out[#out + 1] = 0 end
  end
end
return out
