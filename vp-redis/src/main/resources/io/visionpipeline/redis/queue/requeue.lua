-- Hands back every job a worker that is known to be gone holds: each becomes claimable (XAUTOCLAIM)
-- by any worker at once instead of after the visibility timeout; the delivery count is kept.
-- KEYS[1] job stream; ARGV[1] group, ARGV[2] the gone worker (consumer), ARGV[3] idle ms to set
-- returns {number of jobs handed back}
local stream, group, gone = KEYS[1], ARGV[1], ARGV[2]
local pending = redis.call('XPENDING', stream, group, '-', '+', 10000, gone)
for i = 1, #pending, 100 do
  local args = {'XCLAIM', stream, group, gone, 0}
  for j = i, math.min(i + 99, #pending) do
    args[#args + 1] = pending[j][1]
  end
  args[#args + 1] = 'IDLE'
  args[#args + 1] = ARGV[3]
  args[#args + 1] = 'JUSTID'
  redis.call(unpack(args))
end
return {#pending}
