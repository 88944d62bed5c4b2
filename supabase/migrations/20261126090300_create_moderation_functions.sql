-- Moderation: counts per state, synthesis and retained contributions, and
-- the open/resolved state of flags. Decisions (moderate), the queue
-- (moderation_queue) and the flag threshold (flag_contribution) are defined
-- once, in 20261202090100_one_voice_per_network.sql; the public snapshot in
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

create function public.set_retained(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id uuid := (payload ->> 'contribution_id')::uuid;
  v_retained boolean := (payload ->> 'retained')::boolean;
begin
  update public.contributions set retained = v_retained where id = v_id and status = 'published';
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
  values ('contribution', v_id, 'retained', payload ->> 'actor', case when v_retained then 'retenue' else 'retirée' end);
  perform public.mark_public_changed();
  return jsonb_build_object('outcome', 'saved');
end;
$$;

create function public.save_synthesis(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
begin
  insert into public.syntheses (theme_id, body, updated_by, updated_at)
  values (payload ->> 'theme_id', payload ->> 'body', payload ->> 'actor', now())
  on conflict (theme_id) do update
    set body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at;
  perform public.mark_public_changed();
  return jsonb_build_object('outcome', 'saved', 'updated_at', now());
end;
$$;

revoke execute on function public.moderation_counts(jsonb) from public, anon, authenticated;
revoke execute on function public.set_retained(jsonb) from public, anon, authenticated;
revoke execute on function public.save_synthesis(jsonb) from public, anon, authenticated;
grant execute on function public.moderation_counts(jsonb) to service_role;
grant execute on function public.set_retained(jsonb) to service_role;
grant execute on function public.save_synthesis(jsonb) to service_role;
