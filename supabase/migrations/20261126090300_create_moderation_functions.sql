-- Moderation: decisions (publish, reject) on one or many items in one
-- transaction with their log lines; the queue with keyset paging (no cap on
-- how far it reaches); counts per state; flags that send a published item
-- back to review at a threshold; synthesis and retained contributions; and
-- the public snapshot the build renders.

alter table public.flags add column resolved_at timestamptz;
comment on column public.flags.resolved_at is 'Set when a moderator decides on the flagged contribution; open flags have none.';
create index flags_open_idx on public.flags (contribution_id) where resolved_at is null;

create function public.moderate(payload jsonb)
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
    -- A decision settles the flags raised so far.
    update public.flags set resolved_at = now() where contribution_id = any (v_ids) and resolved_at is null;
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
  end if;

  v_decided := coalesce(v_decided, '{}');
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
  select v_type, id, v_target, v_actor, v_reason from unnest(v_decided) as id;

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
  'Publishes or rejects (with a reason) contributions or initiatives, logging each decision; one transaction.';

create function public.moderation_queue(payload jsonb)
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
             (select count(*) from public.flags f where f.contribution_id = c.id and f.resolved_at is null)::integer as open_flags,
             (select coalesce(jsonb_agg(distinct f.reason), '[]') from public.flags f
               where f.contribution_id = c.id and f.resolved_at is null) as flag_reasons
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

comment on function public.moderation_queue(jsonb) is 'One page of a moderation queue, oldest first, after a (created_at, id) cursor.';

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

-- Replaces the first version: at `flag_threshold` open flags, a published
-- contribution goes back to review (pending) and leaves the public pages.
create or replace function public.flag_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_contribution_id uuid := (payload ->> 'contribution_id')::uuid;
  v_voter_hash text := payload ->> 'voter_hash';
  v_threshold integer := coalesce((payload ->> 'flag_threshold')::integer, 3);
  v_retry_after integer;
  v_open integer;
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

  select count(*) into v_open from public.flags where contribution_id = v_contribution_id and resolved_at is null;
  if v_open >= v_threshold then
    update public.contributions set status = 'pending', moderated_at = now()
    where id = v_contribution_id and status = 'published';
    if found then
      insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
      values ('contribution', v_contribution_id, 'returned_to_review', 'system',
              format('%s signalements', v_open));
      perform public.mark_public_changed();
    end if;
  end if;

  return jsonb_build_object('outcome', 'created');
end;
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

-- Everything the static pages show, in one call. Security invoker: run by
-- the public role it returns the same, since RLS lets it see published rows only.
create function public.public_snapshot(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'contributions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', c.id, 'parent_id', c.parent_id, 'theme_id', c.theme_id, 'question_id', c.question_id,
        'stance', c.stance, 'body', c.body, 'pseudonym', c.pseudonym, 'profile', c.profile,
        'commune_name', c.commune_name, 'departement_name', c.departement_name, 'region_code', c.region_code,
        'region_name', c.region_name, 'territory_type', c.territory_type, 'retained', c.retained,
        'created_at', c.created_at, 'published_at', c.published_at,
        'support', coalesce(r.support, 0), 'disagree', coalesce(r.disagree, 0)
      ) order by c.published_at, c.id)
      from public.contributions c
      left join (
        select contribution_id,
               count(*) filter (where kind = 'support') as support,
               count(*) filter (where kind = 'disagree') as disagree
        from public.reactions group by contribution_id
      ) r on r.contribution_id = c.id
      where c.status = 'published'
    ), '[]'),
    'initiatives', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', i.id, 'name', i.name, 'kind', i.kind, 'description', i.description, 'url', i.url,
        'opening_year', i.opening_year, 'pseudonym', i.pseudonym, 'commune_name', i.commune_name,
        'departement_code', i.departement_code, 'departement_name', i.departement_name,
        'region_code', i.region_code, 'region_name', i.region_name, 'territory_type', i.territory_type,
        'published_at', i.published_at
      ) order by i.published_at, i.id)
      from public.initiatives i
      where i.status = 'published'
    ), '[]'),
    'syntheses', coalesce((
      select jsonb_agg(jsonb_build_object('theme_id', s.theme_id, 'body', s.body, 'updated_at', s.updated_at))
      from public.syntheses s
    ), '[]')
  )
$$;

revoke execute on function public.moderate(jsonb) from public, anon, authenticated;
revoke execute on function public.moderation_queue(jsonb) from public, anon, authenticated;
revoke execute on function public.moderation_counts(jsonb) from public, anon, authenticated;
revoke execute on function public.set_retained(jsonb) from public, anon, authenticated;
revoke execute on function public.save_synthesis(jsonb) from public, anon, authenticated;
revoke execute on function public.public_snapshot(jsonb) from public;
grant execute on function public.moderate(jsonb) to service_role;
grant execute on function public.moderation_queue(jsonb) to service_role;
grant execute on function public.moderation_counts(jsonb) to service_role;
grant execute on function public.set_retained(jsonb) to service_role;
grant execute on function public.save_synthesis(jsonb) to service_role;
grant execute on function public.public_snapshot(jsonb) to anon, authenticated, service_role;
