-- A retry with an idempotency key must carry what the first send carried
-- (HTTP 422 otherwise). This migration wrapped the submission functions in a
-- check of the text; 20261202090200_replays_compare_every_field.sql now
-- compares every field (it drops the record_* functions this migration had
-- created), in the one definition of each submission function, now in
-- 20261203090000_one_clock.sql.
select 1;
