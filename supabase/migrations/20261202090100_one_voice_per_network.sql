-- One person, one voice, without accounts. « Once per person » was once per
-- browser token, which the browser invents: three flags with three fresh
-- tokens from one IP sent any published contribution back to review, and
-- ten fresh tokens added ten supports. The network a request comes from (the
-- salted hash of its IP address) is now recorded with each flag and reaction:
--
-- - the auto-hide threshold counts distinct networks, not tokens;
-- - a contribution a moderator published after reading its flags stays
--   visible: further flags put it in the flagged queue, they no longer hide it;
-- - one network adds at most `reactions_per_network` reactions to one
--   contribution: a room of people can support it, a person clearing cookies
--   cannot go on;
-- - moderators see, per contribution, how many distinct networks its
--   reactions and flags came from;
-- - every decision that closes flags writes its log line, the item's state
--   changed or not.
--
-- Flags and reactions recorded before this migration have no network: each
-- counts as a network of its own (the most cautious reading).

alter table public.flags add column network_hash text check (char_length(network_hash) between 16 and 128);
alter table public.reactions add column network_hash text check (char_length(network_hash) between 16 and 128);
comment on column public.flags.network_hash is 'Salted hash of the IP the flag came from: the threshold counts distinct networks.';
comment on column public.reactions.network_hash is 'Salted hash of the IP the reaction came from: capped per network and contribution.';
create index reactions_network_idx on public.reactions (contribution_id, network_hash);

alter table public.contributions add column flags_reviewed_at timestamptz;
comment on column public.contributions.flags_reviewed_at is
  'When a moderator published or kept the contribution after reading its flags: later flags queue it for review without hiding it.';

alter table public.moderation_events drop constraint moderation_events_action_check;
alter table public.moderation_events add constraint moderation_events_action_check check (
  action in ('submitted', 'published', 'rejected', 'flagged', 'returned_to_review', 'retained', 'flags_resolved')
);

-- A flag: one per voter token; the threshold counts distinct networks among
-- the open flags. The contribution's row is locked, so that parallel flags
-- count one after the other.
create or replace function public.flag_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_contribution_id uuid := (payload ->> 'contribution_id')::uuid;
  v_voter_hash text := payload ->> 'voter_hash';
  v_network_hash text := payload ->> 'network_hash';
  v_reviewed_at timestamptz;
  v_retry_after integer;
  v_networks integer;
begin
  select flags_reviewed_at into v_reviewed_at
  from public.contributions where id = v_contribution_id and status = 'published'
  for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  if exists (select 1 from public.flags where contribution_id = v_contribution_id and voter_hash = v_voter_hash) then
    return jsonb_build_object('outcome', 'already_flagged');
  end if;

  v_retry_after := public.hit_rate_limit(v_network_hash, 'flag');
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;

  insert into public.flags (contribution_id, voter_hash, network_hash, reason, details)
  values (v_contribution_id, v_voter_hash, v_network_hash, payload ->> 'reason', nullif(payload ->> 'details', ''));

  insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
  values ('contribution', v_contribution_id, 'flagged', 'citizen', payload ->> 'reason');

  select count(distinct coalesce(network_hash, voter_hash)) into v_networks
  from public.flags where contribution_id = v_contribution_id and resolved_at is null;
  if v_networks >= public.integrity_setting('flag_networks_for_review') and v_reviewed_at is null then
    update public.contributions set status = 'pending', moderated_at = now() where id = v_contribution_id;
    insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
    values ('contribution', v_contribution_id, 'returned_to_review', 'system',
            format('signalée depuis %s réseaux distincts', v_networks));
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object('outcome', 'created');
end;
$$;

comment on function public.flag_contribution(jsonb) is
  'Records one abuse report per voter on a published contribution; at flag_networks_for_review distinct networks, sends it back to review unless a moderator kept it after flags.';

-- A reaction: one per voter token, at most reactions_per_network per network
-- and contribution. Reactions of one network to one contribution are
-- serialised by an advisory lock, so parallel ones cannot pass the cap.
create or replace function public.react_to_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_contribution_id uuid := (payload ->> 'contribution_id')::uuid;
  v_voter_hash text := payload ->> 'voter_hash';
  v_network_hash text := payload ->> 'network_hash';
  v_existing text;
  v_retry_after integer;
begin
  if not exists (select 1 from public.contributions where id = v_contribution_id and status = 'published') then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  perform pg_advisory_xact_lock(hashtextextended('reaction:' || v_contribution_id::text || ':' || v_network_hash, 0));

  select kind into v_existing from public.reactions
  where contribution_id = v_contribution_id and voter_hash = v_voter_hash;
  if found then
    return jsonb_build_object('outcome', 'already_reacted', 'kind', v_existing,
      'counts', public.reaction_counts(v_contribution_id));
  end if;

  if (select count(*) from public.reactions
      where contribution_id = v_contribution_id and network_hash = v_network_hash)
     >= public.integrity_setting('reactions_per_network') then
    return jsonb_build_object('outcome', 'network_limit',
      'limit', public.integrity_setting('reactions_per_network'),
      'counts', public.reaction_counts(v_contribution_id));
  end if;

  v_retry_after := public.hit_rate_limit(v_network_hash, 'reaction');
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;

  insert into public.reactions (contribution_id, voter_hash, network_hash, kind)
  values (v_contribution_id, v_voter_hash, v_network_hash, payload ->> 'kind');

  return jsonb_build_object('outcome', 'created', 'kind', payload ->> 'kind',
    'counts', public.reaction_counts(v_contribution_id));
end;
$$;

comment on function public.react_to_contribution(jsonb) is
  'Records one support or disagreement per voter on a published contribution, at most reactions_per_network per network; returns the counts.';

-- Decisions. A decision settles the open flags of the contributions it
-- names; publishing one that had flags marks it as kept after flags. Each
-- item whose flags were closed without a change of state gets its own log
-- line (flags_resolved), as every changed one gets its decision's.
create or replace function public.moderate(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_type text := payload ->> 'subject_type';
  v_decision text := payload ->> 'decision';
  v_reason text := nullif(btrim(payload ->> 'reason'), '');
  v_actor text := payload ->> 'actor';
  v_ids uuid[] := array(select jsonb_array_elements_text(payload -> 'ids')::uuid);
  v_target text;
  v_decided uuid[];
  v_flagged uuid[];
  v_public_change boolean;
begin
  if v_type not in ('contribution', 'initiative') or v_decision not in ('publish', 'reject') then
    return jsonb_build_object('outcome', 'invalid');
  end if;
  if v_decision = 'reject' and v_reason is null then
    return jsonb_build_object('outcome', 'reason_required');
  end if;
  v_target := case v_decision when 'publish' then 'published' else 'rejected' end;

  if v_type = 'contribution' then
    with changed as (
      update public.contributions c
      set status = v_target,
          moderation_reason = case when v_target = 'rejected' then v_reason end,
          moderated_at = now(),
          published_at = case when v_target = 'published' then coalesce(c.published_at, now()) else c.published_at end
      from (select id, status as before from public.contributions where id = any (v_ids) for update) old
      where c.id = old.id and old.before <> v_target
      returning c.id, old.before
    )
    select array_agg(id), coalesce(bool_or(v_target = 'published' or before = 'published'), false)
    into v_decided, v_public_change
    from changed;

    with settled as (
      update public.flags set resolved_at = now()
      where contribution_id = any (v_ids) and resolved_at is null
      returning contribution_id
    )
    select array_agg(distinct contribution_id) into v_flagged from settled;
    v_flagged := coalesce(v_flagged, '{}');

    if v_target = 'published' then
      update public.contributions set flags_reviewed_at = now() where id = any (v_flagged);
    end if;
  else
    with changed as (
      update public.initiatives i
      set status = v_target,
          moderation_reason = case when v_target = 'rejected' then v_reason end,
          moderated_at = now(),
          published_at = case when v_target = 'published' then coalesce(i.published_at, now()) else i.published_at end
      from (select id, status as before from public.initiatives where id = any (v_ids) for update) old
      where i.id = old.id and old.before <> v_target
      returning i.id, old.before
    )
    select array_agg(id), coalesce(bool_or(v_target = 'published' or before = 'published'), false)
    into v_decided, v_public_change
    from changed;
    v_flagged := '{}';
  end if;

  v_decided := coalesce(v_decided, '{}');
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
  select v_type, id, v_target, v_actor, v_reason from unnest(v_decided) as id;
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
  select v_type, id, 'flags_resolved', v_actor,
         coalesce(v_reason, case v_target when 'published' then 'signalements écartés, contribution maintenue'
                                          else 'signalements clos' end)
  from unnest(v_flagged) as id
  where not id = any (v_decided);

  if v_public_change then
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object(
    'outcome', 'decided',
    'decided', to_jsonb(v_decided),
    'unchanged', to_jsonb(array(select id from unnest(v_ids) as id where not id = any (v_decided)))
  );
end;
$$;

comment on function public.moderate(jsonb) is
  'Publishes or rejects (with a reason) contributions or initiatives, settling their open flags; logs each decision and each closing of flags; one transaction.';

-- The queue now tells, per contribution, how many distinct networks its
-- open flags and its reactions came from.
create or replace function public.moderation_queue(payload jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_type text := payload ->> 'subject_type';
  v_status text := payload ->> 'status';
  v_limit integer := least(greatest(coalesce((payload ->> 'limit')::integer, 50), 1), 200);
  v_after_at timestamptz := (payload ->> 'after_created_at')::timestamptz;
  v_after_id uuid := (payload ->> 'after_id')::uuid;
  v_items jsonb;
begin
  if v_type = 'initiative' then
    select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]')
    into v_items
    from (
      select i.id, 'initiative' as subject_type, i.name, i.kind, i.description, i.url, i.opening_year,
             i.pseudonym, i.profile, i.commune_name, i.departement_name, i.region_name, i.territory_type,
             i.status, i.moderation_reason, i.created_at, i.moderated_at, 0 as open_flags
      from public.initiatives i
      where i.status = v_status
        and (v_after_at is null or (i.created_at, i.id) > (v_after_at, v_after_id))
      order by i.created_at, i.id
      limit v_limit
    ) q;
  else
    select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]')
    into v_items
    from (
      select c.id, 'contribution' as subject_type, c.theme_id, c.question_id, c.parent_id, c.stance, c.body,
             p.body as parent_body, c.pseudonym, c.profile, c.commune_name, c.departement_name, c.region_name,
             c.territory_type, c.status, c.moderation_reason, c.retained, c.created_at, c.moderated_at,
             c.flags_reviewed_at,
             (select count(*) from public.flags f
               where f.contribution_id = c.id and f.resolved_at is null)::integer as open_flags,
             (select count(distinct coalesce(f.network_hash, f.voter_hash)) from public.flags f
               where f.contribution_id = c.id and f.resolved_at is null)::integer as flag_networks,
             (select coalesce(jsonb_agg(distinct f.reason), '[]') from public.flags f
               where f.contribution_id = c.id and f.resolved_at is null) as flag_reasons,
             (select count(*) from public.reactions r where r.contribution_id = c.id)::integer as reactions,
             (select count(distinct coalesce(r.network_hash, r.voter_hash)) from public.reactions r
               where r.contribution_id = c.id)::integer as reaction_networks
      from public.contributions c
      left join public.contributions p on p.id = c.parent_id
      where (case when v_status = 'flagged'
               then exists (select 1 from public.flags f where f.contribution_id = c.id and f.resolved_at is null)
               else c.status = v_status end)
        and (v_after_at is null or (c.created_at, c.id) > (v_after_at, v_after_id))
      order by c.created_at, c.id
      limit v_limit
    ) q;
  end if;
  return jsonb_build_object('items', v_items);
end;
$$;

comment on function public.moderation_queue(jsonb) is
  'One page of a moderation queue, oldest first, after a (created_at, id) cursor; with open flags and reactions and the distinct networks they came from.';

revoke execute on function public.flag_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.react_to_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.moderate(jsonb) from public, anon, authenticated;
revoke execute on function public.moderation_queue(jsonb) from public, anon, authenticated;
grant execute on function public.flag_contribution(jsonb) to service_role;
grant execute on function public.react_to_contribution(jsonb) to service_role;
grant execute on function public.moderate(jsonb) to service_role;
grant execute on function public.moderation_queue(jsonb) to service_role;
