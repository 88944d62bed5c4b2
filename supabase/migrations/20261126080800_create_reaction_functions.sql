-- Write functions for reactions and flags on published contributions: one
-- per person (salted token hash) and contribution; a second attempt is
-- refused with the state already recorded, so a retry writes nothing new.

create function public.reaction_counts(p_contribution_id uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'support', count(*) filter (where kind = 'support'),
    'disagree', count(*) filter (where kind = 'disagree')
  )
  from public.reactions
  where contribution_id = p_contribution_id
$$;

create function public.react_to_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_contribution_id uuid := (payload ->> 'contribution_id')::uuid;
  v_voter_hash text := payload ->> 'voter_hash';
  v_existing text;
  v_retry_after integer;
begin
  if not exists (select 1 from public.contributions where id = v_contribution_id and status = 'published') then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  select kind into v_existing from public.reactions
  where contribution_id = v_contribution_id and voter_hash = v_voter_hash;
  if found then
    return jsonb_build_object('outcome', 'already_reacted', 'kind', v_existing,
      'counts', public.reaction_counts(v_contribution_id));
  end if;

  v_retry_after := public.hit_rate_limit(
    payload ->> 'author_hash', 'reaction',
    (payload ->> 'rate_limit_max')::integer, (payload ->> 'rate_limit_window_seconds')::integer
  );
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;

  insert into public.reactions (contribution_id, voter_hash, kind)
  values (v_contribution_id, v_voter_hash, payload ->> 'kind')
  on conflict do nothing;
  if not found then
    select kind into v_existing from public.reactions
    where contribution_id = v_contribution_id and voter_hash = v_voter_hash;
    return jsonb_build_object('outcome', 'already_reacted', 'kind', v_existing,
      'counts', public.reaction_counts(v_contribution_id));
  end if;

  return jsonb_build_object('outcome', 'created', 'kind', payload ->> 'kind',
    'counts', public.reaction_counts(v_contribution_id));
end;
$$;

comment on function public.react_to_contribution(jsonb) is
  'Records one support or disagreement per voter on a published contribution; returns the counts.';

create function public.flag_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_contribution_id uuid := (payload ->> 'contribution_id')::uuid;
  v_voter_hash text := payload ->> 'voter_hash';
  v_retry_after integer;
begin
  if not exists (select 1 from public.contributions where id = v_contribution_id and status = 'published') then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  if exists (select 1 from public.flags where contribution_id = v_contribution_id and voter_hash = v_voter_hash) then
    return jsonb_build_object('outcome', 'already_flagged');
  end if;

  v_retry_after := public.hit_rate_limit(
    payload ->> 'author_hash', 'flag',
    (payload ->> 'rate_limit_max')::integer, (payload ->> 'rate_limit_window_seconds')::integer
  );
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;

  insert into public.flags (contribution_id, voter_hash, reason, details)
  values (v_contribution_id, v_voter_hash, payload ->> 'reason', nullif(payload ->> 'details', ''))
  on conflict do nothing;
  if not found then
    return jsonb_build_object('outcome', 'already_flagged');
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
  values ('contribution', v_contribution_id, 'flagged', 'citizen', payload ->> 'reason');

  return jsonb_build_object('outcome', 'created');
end;
$$;

comment on function public.flag_contribution(jsonb) is 'Records one abuse report per voter on a published contribution.';

revoke execute on function public.reaction_counts(uuid) from public;
grant execute on function public.reaction_counts(uuid) to anon, authenticated, service_role;
revoke execute on function public.react_to_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.flag_contribution(jsonb) from public, anon, authenticated;
grant execute on function public.react_to_contribution(jsonb) to service_role;
grant execute on function public.flag_contribution(jsonb) to service_role;
