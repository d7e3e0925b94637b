-- Where the submitter's outstanding jobs are, to find jobs lost by a Redis failover or crash.
-- KEYS[1] job stream; then one result key per job; ARGV: one entry id per job
-- returns one integer per job: 1 = its outcome is stored, 2 = its entry is still in the stream, 0 = lost
local out = {}
for i = 1, #ARGV do
  if redis.call('EXISTS', KEYS[1 + i]) == 1 then
    out[#out + 1] = 1
  elseif #redis.call('XRANGE', KEYS[1], ARGV[i], ARGV[i]) > 0 then
    out[#out + 1] = 2
  else
    out[#out + 1] = 0
  end
end
return out
