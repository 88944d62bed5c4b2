-- Submissions, defined once. A retry with an Idempotency-Key must carry
-- exactly what the first send carried: only the text was compared, so a
-- reused key with another theme, question, postal code or profile was
-- answered as a replay and the change was dropped without a word. Every
-- field the citizen chose is now compared, the private contact included;
-- any difference is 'changed_replay' (HTTP 422 idempotency_key_reused) and
-- writes nothing.
--
-- Retries of one key now run one after the other (an advisory lock on the
-- key), so a parallel retry finds the first send's row and is a replay: it
-- never takes a rate-limit place. A duplicate (the same text from the same
-- network) gives its place back too: the rate-limit hit and the insert run
-- in one block that a unique violation rolls back.
--
-- The earlier pair (submit_* checking the text, then record_* writing) is
-- replaced by one function each.

drop function if exists public.record_contribution(jsonb);
drop function if exists public.record_initiative(jsonb);

-- submit_contribution and submit_initiative are defined, with their grants, in
-- 20261203090000_one_clock.sql.
