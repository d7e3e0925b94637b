-- Claims jobs whose worker stopped answering (idle for the visibility timeout), with how often each
-- has been delivered, so the caller can dead-letter jobs that keep failing.
-- KEYS[1] job stream; ARGV[1] group, ARGV[2] this worker, ARGV[3] min idle ms, ARGV[4] start id, ARGV[5] count
-- returns {next start id, {{entry id, fields, deliveries}, ...}}
local stream, group = KEYS[1], ARGV[1]
local r = redis.call('XAUTOCLAIM', stream, group, ARGV[2], ARGV[3], ARGV[4], 'COUNT', ARGV[5])
local claimed = {}
for _, e in ipairs(r[2]) do
  if e and e[2] then
    local p = redis.call('XPENDING', stream, group, e[1], e[1], 1)
    local deliveries = 1
    if p[1] then deliveries = p[1][4] end
    claimed[#claimed + 1] = {e[1], e[2], deliveries}
  end
end
return {r[1], claimed}
