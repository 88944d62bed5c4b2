-- The consultation's opening and closing instants change what every page
-- shows (the forms appear, then give way to « consultation close »), yet no
-- row changes then. site_state now remembers the window state (upcoming,
-- open, closed) the last claimed build was asked for; a scheduled run that
-- passes the state of its clock claims a build when that state differs, as
-- it does for a change of public data: one build per change of state.

alter table public.site_state
  add column built_window_state text check (built_window_state in ('upcoming', 'open', 'closed'));

comment on column public.site_state.built_window_state is
  'Window state (upcoming, open, closed) the last claimed build was asked for; null before the first.';

-- True once per change of public data or of the window state: the caller that gets true requests the build.
create or replace function public.claim_rebuild(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
security invoker
set search_path = ''
as $$
  with claimed as (
    update public.site_state
    set rebuild_requested_at = now(),
        built_window_state = coalesce(payload ->> 'window_state', built_window_state)
    where id
      and (
        (public_changed_at is not null and (rebuild_requested_at is null or public_changed_at > rebuild_requested_at))
        or (payload ->> 'window_state' is not null and built_window_state is distinct from payload ->> 'window_state')
      )
    returning 1
  )
  select jsonb_build_object('claimed', exists (select 1 from claimed))
$$;

revoke execute on function public.claim_rebuild(jsonb) from public, anon, authenticated;
grant execute on function public.claim_rebuild(jsonb) to service_role;
