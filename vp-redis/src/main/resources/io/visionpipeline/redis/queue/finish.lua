-- Finishes jobs atomically: stores each outcome once (SET NX: a redelivered job never yields two
-- results), dead-letters it when asked, tells its submitter, then acknowledges and deletes the entry.
-- KEYS[1] job stream, KEYS[2] dead-letter stream; then for each job: result, reply stream, error, media, entry marker
-- ARGV[1] group, ARGV[2] result TTL ms, ARGV[3] reply stream max length, ARGV[4] dead-letter max length;
-- then for each job: entry id, job id, outcome JSON ('' = none to store), dead-letter ('1'/'0'), notify ('1'/'0')
-- returns one integer per job: 1 = this call stored the outcome, 0 = an outcome existed (or none given)
local stream, dead = KEYS[1], KEYS[2]
local group, ttl, replyMax, deadMax = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local out = {}
for i = 0, (#KEYS - 2) / 5 - 1 do
  local k = 3 + i * 5
  local result, reply, err, media, marker = KEYS[k], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], KEYS[k + 4]
  local a = 5 + i * 5
  local entry, job, outcome, toDead, notify = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local stored = 0
  if outcome ~= '' and redis.call('SET', result, outcome, 'NX', 'PX', ttl) then
    stored = 1
  end
  if toDead == '1' and (stored == 1 or outcome == '') then
    local message = ''
    local e = redis.call('XRANGE', stream, entry, entry)
    if e[1] then
      local fields = e[1][2]
      for j = 1, #fields, 2 do
        if fields[j] == 'job' then message = fields[j + 1] end
      end
    end
    redis.call('XADD', dead, 'MAXLEN', '~', deadMax, '*', 'job', message, 'outcome', outcome, 'entry', entry)
  end
  if notify == '1' then
    redis.call('XADD', reply, 'MAXLEN', '~', replyMax, '*', 'type', 'done', 'job', job, 'stored', stored)
    redis.call('PEXPIRE', reply, ttl)
  end
  redis.call('XACK', stream, group, entry)
  redis.call('XDEL', stream, entry)
  if toDead ~= '1' then
    redis.call('DEL', media)
  end
  redis.call('DEL', err, marker)
  out[#out + 1] = stored
end
return out
