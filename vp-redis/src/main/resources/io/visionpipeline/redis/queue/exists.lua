-- Which of two keys exists, for each job: run a freshly read job or not (its result, its cancel
-- marker), and where an outstanding job is (its result, its entry marker).
-- KEYS: pairs of keys, one pair per job
-- returns one integer per job: 1 = the first key exists, 2 = only the second, 0 = neither
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
