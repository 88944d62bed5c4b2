-- A change of public data must come after the last claimed rebuild, or no
-- build ever shows it. mark_public_changed wrote now(), the start of its
-- transaction: a change whose transaction started before a claim but
-- committed after it (or, on PGlite, whose clock reads the same millisecond
-- as the claim, as a build hook that fails at once and is noted again does)
-- was dated at or before rebuild_requested_at, and claim_rebuild, which asks
-- for public_changed_at > rebuild_requested_at, dropped it. The
-- function suite's flaky « tries again at the next run » was this.
--
-- The update waits for the row lock a concurrent claim holds and then sees
-- its rebuild_requested_at (READ COMMITTED re-reads the row), so the change
-- is always dated after the claim it may have missed.

create or replace function public.mark_public_changed()
returns void
language sql
security invoker
set search_path = ''
as $$
  update public.site_state
  set public_changed_at = greatest(now(), rebuild_requested_at + interval '1 microsecond')
  where id
$$;

comment on function public.mark_public_changed() is
  'Dates a change of public data after the last claimed rebuild, so that the next claim_rebuild asks for a build.';

revoke execute on function public.mark_public_changed() from public, anon, authenticated;
grant execute on function public.mark_public_changed() to service_role;
