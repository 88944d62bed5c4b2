-- The site never calls the database as anon or authenticated: the browser
-- holds no key, and every call comes from a function with the service role.
-- Yet anon could execute public_snapshot (48.6 MB and 2.9 s of database time
-- per call at 50,000 published contributions), compute_summary (the whole
-- summary, seconds of CPU), latest_summary and reaction_counts: anyone with
-- the project's public anon key could load the database at will. Only
-- service_role keeps them. (public_snapshot and compute_summary are defined,
-- with these grants, in 20261201090300_hold_back_replies_under_hidden_answers.sql;
-- latest_summary in 20261203090000_one_clock.sql.)

revoke execute on function public.reaction_counts(uuid) from anon, authenticated;

-- A trigger function runs whoever fires the trigger: no role needs to call it.
revoke execute on function public.refuse_moderation_event_change() from public, anon, authenticated;
