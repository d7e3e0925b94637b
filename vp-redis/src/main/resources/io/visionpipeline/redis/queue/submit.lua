-- Adds a job once per job id: a submission sent again (after a timeout, a reconnect, or by a second
-- submitter) finds the first one instead of adding a second entry.
-- KEYS[1] job stream, KEYS[2] result, KEYS[3] entry marker (job id -> entry id), KEYS[4] inline media
-- ARGV[1] job JSON, ARGV[2] marker and media TTL ms, ARGV[3] inline media bytes ('' = none)
-- returns {entry id}, or {} when the job's outcome is stored already
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {}
end
local entry = redis.call('GET', KEYS[3])
if entry and #redis.call('XRANGE', KEYS[1], entry, entry) > 0 then
  return {entry}
end
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[4], ARGV[3], 'PX', ARGV[2])
end
entry = redis.call('XADD', KEYS[1], '*', 'job', ARGV[1])
redis.call('SET', KEYS[3], entry, 'PX', ARGV[2])
return {entry}
