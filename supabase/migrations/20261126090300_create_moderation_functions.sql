-- Moderation: counts per state, synthesis and retained contributions, and
-- the open/resolved state of flags. Decisions (moderate) and the flag
-- threshold (flag_contribution) are defined once, in
-- 20261203090000_one_clock.sql; the queue (moderation_queue) in
-- 20261202090100_one_voice_per_network.sql; the public snapshot in
-- 20261201090300_hold_back_replies_under_hidden_answers.sql.

alter table public.flags add column resolved_at timestamptz;
comment on column public.flags.resolved_at is 'Set when a moderator decides on the flagged contribution; open flags have none.';
create index flags_open_idx on public.flags (contribution_id) where resolved_at is null;

create function public.moderation_counts(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'contribution', jsonb_build_object(
      'pending', (select count(*) from public.contributions where status = 'pending'),
      'published', (select count(*) from public.contributions where status = 'published'),
      'rejected', (select count(*) from public.contributions where status = 'rejected'),
      'flagged', (select count(distinct contribution_id) from public.flags where resolved_at is null)
    ),
    'initiative', jsonb_build_object(
      'pending', (select count(*) from public.initiatives where status = 'pending'),
      'published', (select count(*) from public.initiatives where status = 'published'),
      'rejected', (select count(*) from public.initiatives where status = 'rejected')
    )
  )
$$;

-- set_retained and save_synthesis are defined, with their grants, in 20261203090000_one_clock.sql.

revoke execute on function public.moderation_counts(jsonb) from public, anon, authenticated;
grant execute on function public.moderation_counts(jsonb) to service_role;
