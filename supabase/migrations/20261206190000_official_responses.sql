-- Official responses: the mission team answers one published contribution
-- or a group of them, with a status of the content's list and a text; a
-- response is a draft until a batch publishes it. Published responses show
-- on the contributions' permalinks, on the tracking page and in the open
-- data, and each contributor who asked for e-mail gets one message per
-- answered contribution (the outbox, kind 'response'). A contribution has at
-- most one response.

create table public.official_responses (
  id uuid primary key default gen_random_uuid(),
  status text not null check (status ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  body text not null check (char_length(body) between 1 and 5000),
  drafted_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  published_by text
);

comment on table public.official_responses is
  'The mission''s answers to contributions; drafts until published in a batch. Read through functions by the service role.';

create table public.official_response_targets (
  response_id uuid not null references public.official_responses (id) on delete cascade,
  contribution_id uuid not null references public.contributions (id) on delete cascade,
  primary key (response_id, contribution_id),
  constraint official_response_targets_once unique (contribution_id)
);

comment on table public.official_response_targets is 'Which contributions each official response answers (one response per contribution).';

alter table public.official_responses enable row level security;
alter table public.official_response_targets enable row level security;

create policy "service role reads responses" on public.official_responses for select to service_role using (true);
create policy "service role drafts responses" on public.official_responses for insert to service_role with check (true);
create policy "service role edits responses" on public.official_responses
  for update to service_role using (true) with check (true);
create policy "service role reads response targets" on public.official_response_targets
  for select to service_role using (true);
create policy "service role adds response targets" on public.official_response_targets
  for insert to service_role with check (true);
create policy "service role removes response targets" on public.official_response_targets
  for delete to service_role using (true);

revoke all on public.official_responses, public.official_response_targets from anon, authenticated;
grant select, insert on public.official_responses to service_role;
grant update (status, body, updated_at, published_at, published_by) on public.official_responses to service_role;
grant select, insert, delete on public.official_response_targets to service_role;

create function public.official_response_json(r public.official_responses)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'id', r.id, 'status', r.status, 'body', r.body, 'drafted_by', r.drafted_by,
    'updated_at', r.updated_at, 'published_at', r.published_at,
    'contribution_ids', coalesce((
      select jsonb_agg(t.contribution_id order by t.contribution_id)
      from public.official_response_targets t where t.response_id = r.id
    ), '[]'::jsonb)
  )
$$;

revoke execute on function public.official_response_json(public.official_responses) from public, anon, authenticated;
grant execute on function public.official_response_json(public.official_responses) to service_role;

-- payload: { id?, status, body, contribution_ids: uuid[], actor }
-- → { outcome: 'saved', response } | { outcome: 'unavailable', ids } (not published, or answered by another
-- response) | { outcome: 'not_found' } (no such draft: unknown, or already published)
create function public.draft_official_response(payload jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_id uuid := (payload ->> 'id')::uuid;
  v_ids uuid[] := array(select distinct x::uuid from jsonb_array_elements_text(payload -> 'contribution_ids') x);
  v_unavailable uuid[];
  v_row public.official_responses%rowtype;
begin
  if v_id is not null then
    select * into v_row from public.official_responses where id = v_id and published_at is null for update;
    if not found then
      return jsonb_build_object('outcome', 'not_found');
    end if;
  end if;
  select array_agg(x order by x) into v_unavailable
  from unnest(v_ids) x
  where not exists (select 1 from public.contributions k where k.id = x and k.status = 'published')
     or exists (
       select 1 from public.official_response_targets t
       where t.contribution_id = x and t.response_id is distinct from v_id
     );
  if v_unavailable is not null then
    return jsonb_build_object('outcome', 'unavailable', 'ids', to_jsonb(v_unavailable));
  end if;
  if v_id is null then
    insert into public.official_responses (status, body, drafted_by)
    values (payload ->> 'status', payload ->> 'body', payload ->> 'actor')
    returning * into v_row;
  else
    update public.official_responses
    set status = payload ->> 'status', body = payload ->> 'body', updated_at = now()
    where id = v_id
    returning * into v_row;
    delete from public.official_response_targets where response_id = v_id and contribution_id <> all (v_ids);
  end if;
  insert into public.official_response_targets (response_id, contribution_id)
  select v_row.id, x from unnest(v_ids) x
  on conflict do nothing;
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
  values ('response', v_row.id, 'response_drafted', payload ->> 'actor', payload ->> 'status');
  return jsonb_build_object('outcome', 'saved', 'response', public.official_response_json(v_row));
end;
$$;

comment on function public.draft_official_response(jsonb) is 'Creates or changes a draft official response, logged.';
revoke execute on function public.draft_official_response(jsonb) from public, anon, authenticated;
grant execute on function public.draft_official_response(jsonb) to service_role;

-- payload: { ids: uuid[], actor } → { published: uuid[] }: the drafts among ids, published in this one
-- transaction; each logged; each answered contribution's contact (with consent, not unsubscribed) gets one
-- message; the pages are marked for a rebuild. Ids already published or unknown are left out.
create function public.publish_official_responses(payload jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_published uuid[];
begin
  with done as (
    update public.official_responses
    set published_at = now(), published_by = payload ->> 'actor'
    where id in (select x::uuid from jsonb_array_elements_text(payload -> 'ids') x) and published_at is null
    returning id, status, body
  ),
  logged as (
    insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
    select 'response', d.id, 'response_published', payload ->> 'actor', d.status from done d
    returning subject_id
  ),
  queued as (
    insert into public.email_outbox (contact_id, kind, subject_ref, details)
    select c.id, 'response', t.contribution_id::text,
      jsonb_build_object('subject_type', 'contribution', 'response_id', d.id, 'status', d.status, 'body', d.body)
    from done d
    join public.official_response_targets t on t.response_id = d.id
    join public.private_contacts c on c.contribution_id = t.contribution_id
    where c.contact_consent and c.notifications_stopped_at is null
    on conflict on constraint email_outbox_once do nothing
    returning 1
  )
  select array_agg(subject_id order by subject_id) into v_published
  from logged, (select count(*) from queued) q;
  if v_published is not null then
    perform public.mark_public_changed();
  end if;
  return jsonb_build_object('published', coalesce(to_jsonb(v_published), '[]'::jsonb));
end;
$$;

comment on function public.publish_official_responses(jsonb) is 'Publishes draft official responses in one batch: logged, mailed once, pages rebuilt.';
revoke execute on function public.publish_official_responses(jsonb) from public, anon, authenticated;
grant execute on function public.publish_official_responses(jsonb) to service_role;

-- → { responses: [...] }: drafts first (newest change first), then published ones (newest first); for moderators
create function public.list_official_responses(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('responses', coalesce(jsonb_agg(public.official_response_json(r)
    order by (r.published_at is not null), coalesce(r.published_at, r.updated_at) desc, r.id), '[]'::jsonb))
  from public.official_responses r
$$;

comment on function public.list_official_responses(jsonb) is 'Every official response, drafts first, for the moderation page.';
revoke execute on function public.list_official_responses(jsonb) from public, anon, authenticated;
grant execute on function public.list_official_responses(jsonb) to service_role;

-- → { responses: [{ id, status, body, published_at, contribution_ids }] }: published ones only (the build)
create function public.published_official_responses(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('responses', coalesce(jsonb_agg(public.official_response_json(r) - 'drafted_by'
    order by r.published_at, r.id), '[]'::jsonb))
  from public.official_responses r
  where r.published_at is not null
$$;

comment on function public.published_official_responses(jsonb) is 'The published official responses, for the pages and the open data.';
revoke execute on function public.published_official_responses(jsonb) from public, anon, authenticated;
grant execute on function public.published_official_responses(jsonb) to service_role;
