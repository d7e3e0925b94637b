-- What to do with freshly read jobs: run them, or not.
-- KEYS: result key, cancel key, for each job
-- returns one integer per job: 0 = run it, 1 = its result exists already, 2 = it was cancelled
local out = {}
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    out[#out + 1] = 1
  elseif redis.call('EXISTS', KEYS[i + 1]) == 1 then
    out[#out + 1] = 2
  else
    out[#out + 1] = 0
  end
end
return out
