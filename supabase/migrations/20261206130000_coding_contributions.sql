-- Coding contributions, as Assembl's harvesting does: the mission team tags
-- a contribution with categories of its consultation (obstacle, solution…,
-- listed in the content, consultation.json's `coding`), or tags a passage of
-- it, an extract: the selected text with its start and end in the body, so
-- that it can be found again. Several moderators may code one contribution:
-- a category is on it once, whoever added it first; tagging it again, or
-- removing what is gone, changes nothing. Every tag and untag is logged in
-- moderation_events ('tagged' / 'untagged', the moderator as actor, the
-- category in the reason).
--
-- Positions are counted in characters as PostgreSQL counts them (code
-- points, as char_length and substr do), from 0, the end excluded: an
-- extract [start, end) is substr(body, start + 1, end - start), and the
-- database refuses one that is not (a trigger, whoever inserts it).
--
-- The category ids are the content's; the database only checks their form,
-- as it does for theme ids. Dated at the payload's `at` on a demonstration
-- clock, now() otherwise (20261203090000_one_clock.sql). Tagging a published
-- contribution marks public data changed: the counts per category may be on
-- /synthese/, and the next scheduled rebuild picks them up (no build per
-- click).

create table public.contribution_categories (
  contribution_id uuid not null references public.contributions (id) on delete cascade,
  category_id text not null check (category_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- The moderator who added it, by the id the log uses, and their name then.
  actor text not null check (char_length(actor) between 1 and 200),
  actor_name text check (char_length(actor_name) between 1 and 200),
  created_at timestamptz not null default now(),
  primary key (contribution_id, category_id)
);

comment on table public.contribution_categories is
  'Categories of the consultation a moderator tagged a whole contribution with; the history is in moderation_events.';

create index contribution_categories_category_idx on public.contribution_categories (category_id, contribution_id);

create table public.contribution_extracts (
  id uuid primary key default gen_random_uuid(),
  contribution_id uuid not null references public.contributions (id) on delete cascade,
  category_id text not null check (category_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  start_offset integer not null check (start_offset >= 0),
  end_offset integer not null,
  -- The passage itself: it finds the place again should the positions ever drift.
  quote text not null check (char_length(quote) between 1 and 4000),
  actor text not null check (char_length(actor) between 1 and 200),
  actor_name text check (char_length(actor_name) between 1 and 200),
  created_at timestamptz not null default now(),
  constraint contribution_extracts_span check (end_offset > start_offset and char_length(quote) = end_offset - start_offset),
  unique (contribution_id, category_id, start_offset, end_offset)
);

comment on table public.contribution_extracts is
  'Passages of contributions a moderator tagged with a category: the text and its [start, end) position in the body, in characters from 0.';

create index contribution_extracts_category_idx on public.contribution_extracts (category_id, contribution_id);
create index contribution_extracts_contribution_idx on public.contribution_extracts (contribution_id, start_offset);

-- What the service role needs and no more: read, add, remove. No update: a
-- change is a removal and an addition, each logged.
alter table public.contribution_categories enable row level security;
alter table public.contribution_extracts enable row level security;

create policy "service role reads contribution categories" on public.contribution_categories
  for select to service_role using (true);
create policy "service role tags contributions" on public.contribution_categories
  for insert to service_role with check (true);
create policy "service role untags contributions" on public.contribution_categories
  for delete to service_role using (true);
create policy "service role reads contribution extracts" on public.contribution_extracts
  for select to service_role using (true);
create policy "service role adds contribution extracts" on public.contribution_extracts
  for insert to service_role with check (true);
create policy "service role removes contribution extracts" on public.contribution_extracts
  for delete to service_role using (true);

revoke all on public.contribution_categories from public, anon, authenticated;
revoke all on public.contribution_extracts from public, anon, authenticated;
grant select, insert, delete on public.contribution_categories to service_role;
grant select, insert, delete on public.contribution_extracts to service_role;

-- The extract is the body's text at its position, whoever inserts it.
create function public.check_extract_position() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_body text;
begin
  select c.body into v_body from public.contributions c where c.id = new.contribution_id;
  if v_body is null then
    return new; -- the foreign key refuses it
  end if;
  if new.end_offset > char_length(v_body)
     or substr(v_body, new.start_offset + 1, new.end_offset - new.start_offset) is distinct from new.quote then
    raise exception 'extract [%, %) does not match the body of contribution %', new.start_offset, new.end_offset,
      new.contribution_id using errcode = '23514';
  end if;
  return new;
end;
$$;

revoke execute on function public.check_extract_position() from public, anon, authenticated;

create trigger contribution_extracts_position
  before insert on public.contribution_extracts
  for each row execute function public.check_extract_position();

-- A pending text its author corrects (tracking links) may move or lose a
-- passage: each extract whose text is no longer at its position follows it to
-- its first occurrence in the new body; one whose text is gone (or that would
-- become a copy of another extract) is removed, logged as untagged by
-- 'system'. Only the positions are ever updated.
create policy "service role moves contribution extracts" on public.contribution_extracts
  for update to service_role using (true) with check (true);
grant update (start_offset, end_offset) on public.contribution_extracts to service_role;

create function public.follow_corrected_body() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_extract record;
  v_found integer;
begin
  for v_extract in
    select e.id, e.category_id, e.quote from public.contribution_extracts e
    where e.contribution_id = new.id
      and substr(new.body, e.start_offset + 1, e.end_offset - e.start_offset) is distinct from e.quote
    order by e.start_offset, e.id
  loop
    v_found := strpos(new.body, v_extract.quote) - 1;
    if v_found >= 0 and not exists (
      select 1 from public.contribution_extracts o
      where o.contribution_id = new.id and o.category_id = v_extract.category_id
        and o.start_offset = v_found and o.end_offset = v_found + char_length(v_extract.quote)
    ) then
      update public.contribution_extracts
      set start_offset = v_found, end_offset = v_found + char_length(v_extract.quote)
      where id = v_extract.id;
    else
      delete from public.contribution_extracts where id = v_extract.id;
      insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
      values ('contribution', new.id, 'untagged', 'system',
        public.extract_log_reason(v_extract.category_id, v_extract.quote));
    end if;
  end loop;
  return null;
end;
$$;

comment on function public.follow_corrected_body() is
  'After a contribution''s body changes: its extracts follow their passage, or go (logged) when it is gone.';
revoke execute on function public.follow_corrected_body() from public, anon, authenticated;

create trigger contributions_extracts_follow_body
  after update of body on public.contributions
  for each row when (old.body is distinct from new.body)
  execute function public.follow_corrected_body();

-- The contributions coded with one category, as a whole or by an extract:
-- the predicate a queue filter by category uses
-- (`c.id in (select public.coded_contribution_ids(v_category))`).
create function public.coded_contribution_ids(p_category_id text)
returns setof uuid
language sql
stable
security invoker
set search_path = ''
as $$
  select k.contribution_id from public.contribution_categories k where k.category_id = p_category_id
  union
  select e.contribution_id from public.contribution_extracts e where e.category_id = p_category_id
$$;

comment on function public.coded_contribution_ids(text) is
  'Ids of the contributions tagged with a category, as a whole or by an extract (each once).';

-- payload: { contribution_id } → the coding of one contribution:
-- { outcome: 'found', contribution_id, categories: [{ category_id, actor, actor_name, created_at }],
--   extracts: [{ id, category_id, start_offset, end_offset, quote, actor, actor_name, created_at }] }
-- or { outcome: 'not_found' }.
create function public.contribution_coding(payload jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_id uuid := (payload ->> 'contribution_id')::uuid;
begin
  if not exists (select 1 from public.contributions c where c.id = v_id) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  return jsonb_build_object(
    'outcome', 'found',
    'contribution_id', v_id,
    'categories', coalesce((
      select jsonb_agg(jsonb_build_object(
        'category_id', k.category_id, 'actor', k.actor, 'actor_name', k.actor_name, 'created_at', k.created_at
      ) order by k.created_at, k.category_id)
      from public.contribution_categories k where k.contribution_id = v_id), '[]'::jsonb),
    'extracts', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', e.id, 'category_id', e.category_id, 'start_offset', e.start_offset, 'end_offset', e.end_offset,
        'quote', e.quote, 'actor', e.actor, 'actor_name', e.actor_name, 'created_at', e.created_at
      ) order by e.start_offset, e.end_offset, e.created_at, e.id)
      from public.contribution_extracts e where e.contribution_id = v_id), '[]'::jsonb)
  );
end;
$$;

comment on function public.contribution_coding(jsonb) is
  'The categories and extracts of one contribution, with who added each; a pure read.';

-- payload: { contribution_id, add: [category_id], remove: [category_id], actor, actor_name?, at? }
-- → { outcome: 'coded', added: [...], removed: [...], coding } (only what changed is listed and logged),
--   { outcome: 'not_found' } or { outcome: 'invalid' }.
create function public.code_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_id uuid := (payload ->> 'contribution_id')::uuid;
  v_actor text := nullif(btrim(payload ->> 'actor'), '');
  v_actor_name text := nullif(btrim(payload ->> 'actor_name'), '');
  v_add text[];
  v_remove text[];
  v_status text;
  v_added text[];
  v_removed text[];
begin
  if v_actor is null or jsonb_typeof(coalesce(payload -> 'add', '[]')) <> 'array'
     or jsonb_typeof(coalesce(payload -> 'remove', '[]')) <> 'array' then
    return jsonb_build_object('outcome', 'invalid');
  end if;
  v_add := array(select distinct jsonb_array_elements_text(coalesce(payload -> 'add', '[]')));
  v_remove := array(select distinct jsonb_array_elements_text(coalesce(payload -> 'remove', '[]')));
  if v_add && v_remove
     or exists (select 1 from unnest(v_add || v_remove) id where id !~ '^[a-z0-9]+(-[a-z0-9]+)*$') then
    return jsonb_build_object('outcome', 'invalid');
  end if;

  -- Shared: two moderators coding the same contribution wait for each other, neither blocks its moderation.
  select c.status into v_status from public.contributions c where c.id = v_id for share;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  with inserted as (
    insert into public.contribution_categories (contribution_id, category_id, actor, actor_name, created_at)
    select v_id, id, v_actor, v_actor_name, v_at from unnest(v_add) id
    on conflict (contribution_id, category_id) do nothing
    returning category_id
  )
  select coalesce(array_agg(category_id order by category_id), '{}') into v_added from inserted;

  with deleted as (
    delete from public.contribution_categories k
    where k.contribution_id = v_id and k.category_id = any (v_remove)
    returning k.category_id
  )
  select coalesce(array_agg(category_id order by category_id), '{}') into v_removed from deleted;

  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  select 'contribution', v_id, 'tagged', v_actor, id, v_at from unnest(v_added) id
  union all
  select 'contribution', v_id, 'untagged', v_actor, id, v_at from unnest(v_removed) id;

  if v_status = 'published' and cardinality(v_added) + cardinality(v_removed) > 0 then
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object(
    'outcome', 'coded',
    'added', to_jsonb(v_added),
    'removed', to_jsonb(v_removed),
    'coding', public.contribution_coding(jsonb_build_object('contribution_id', v_id))
  );
end;
$$;

comment on function public.code_contribution(jsonb) is
  'Adds and removes categories of one contribution (idempotent, several moderators at once), dated at payload.at or now(); logs each change as tagged/untagged with the category as reason.';

-- payload: { contribution_id, category_id, start_offset, end_offset, quote, actor, actor_name?, at? }
-- → { outcome: 'extracted', id, changed, coding } (the same passage with the same category again
--   changes nothing), { outcome: 'position_mismatch' } (the quote is not the body's text at that
--   position), { outcome: 'not_found' } or { outcome: 'invalid' }.
create function public.extract_passage(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_id uuid := (payload ->> 'contribution_id')::uuid;
  v_category text := payload ->> 'category_id';
  v_start integer := (payload ->> 'start_offset')::integer;
  v_end integer := (payload ->> 'end_offset')::integer;
  v_quote text := payload ->> 'quote';
  v_actor text := nullif(btrim(payload ->> 'actor'), '');
  v_actor_name text := nullif(btrim(payload ->> 'actor_name'), '');
  v_body text;
  v_status text;
  v_extract uuid;
begin
  if v_actor is null or v_category is null or v_category !~ '^[a-z0-9]+(-[a-z0-9]+)*$'
     or v_start is null or v_end is null or v_quote is null or v_start < 0 or v_end <= v_start then
    return jsonb_build_object('outcome', 'invalid');
  end if;

  select c.body, c.status into v_body, v_status from public.contributions c where c.id = v_id for share;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_end > char_length(v_body) or substr(v_body, v_start + 1, v_end - v_start) <> v_quote then
    return jsonb_build_object('outcome', 'position_mismatch');
  end if;

  insert into public.contribution_extracts (
    contribution_id, category_id, start_offset, end_offset, quote, actor, actor_name, created_at
  )
  values (v_id, v_category, v_start, v_end, v_quote, v_actor, v_actor_name, v_at)
  on conflict (contribution_id, category_id, start_offset, end_offset) do nothing
  returning id into v_extract;

  if v_extract is null then
    select e.id into v_extract from public.contribution_extracts e
    where e.contribution_id = v_id and e.category_id = v_category and e.start_offset = v_start and e.end_offset = v_end;
    return jsonb_build_object('outcome', 'extracted', 'id', v_extract, 'changed', false,
      'coding', public.contribution_coding(jsonb_build_object('contribution_id', v_id)));
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  values ('contribution', v_id, 'tagged', v_actor, public.extract_log_reason(v_category, v_quote), v_at);

  if v_status = 'published' then
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object('outcome', 'extracted', 'id', v_extract, 'changed', true,
    'coding', public.contribution_coding(jsonb_build_object('contribution_id', v_id)));
end;
$$;

comment on function public.extract_passage(jsonb) is
  'Tags a passage of one contribution with a category, checked against the body at its position; dated at payload.at or now(); logged as tagged.';

-- payload: { contribution_id, extract_id, actor, at? }
-- → { outcome: 'removed', changed, coding } (an extract already gone changes nothing) or { outcome: 'not_found' }.
create function public.remove_extract(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_id uuid := (payload ->> 'contribution_id')::uuid;
  v_extract uuid := (payload ->> 'extract_id')::uuid;
  v_actor text := nullif(btrim(payload ->> 'actor'), '');
  v_status text;
  v_category text;
  v_quote text;
begin
  if v_actor is null or v_extract is null then
    return jsonb_build_object('outcome', 'invalid');
  end if;
  select c.status into v_status from public.contributions c where c.id = v_id for share;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  delete from public.contribution_extracts e
  where e.id = v_extract and e.contribution_id = v_id
  returning e.category_id, e.quote into v_category, v_quote;

  if v_category is not null then
    insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
    values ('contribution', v_id, 'untagged', v_actor, public.extract_log_reason(v_category, v_quote), v_at);
    if v_status = 'published' then
      perform public.mark_public_changed();
    end if;
  end if;

  return jsonb_build_object('outcome', 'removed', 'changed', v_category is not null,
    'coding', public.contribution_coding(jsonb_build_object('contribution_id', v_id)));
end;
$$;

comment on function public.remove_extract(jsonb) is
  'Removes one extract of a contribution, dated at payload.at or now(); logged as untagged.';

-- The log's reason for an extract: its category and the start of the passage (the log stays readable).
create function public.extract_log_reason(p_category_id text, p_quote text)
returns text
language sql
immutable
set search_path = ''
as $$
  select p_category_id || ' : « '
    || case when char_length(p_quote) > 200 then left(p_quote, 199) || '…' else p_quote end || ' »'
$$;

comment on function public.extract_log_reason(text, text) is
  'How the moderation log names an extract: « category : « passage » », the passage cut to 200 characters.';

-- payload: { category_id, theme_id?, limit? } → { ids: [uuid] }, oldest first: the contributions
-- (any state) coded with the category, as a whole or by an extract; for the moderation queue's filter.
create function public.contributions_by_category(payload jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('ids', coalesce(jsonb_agg(q.id order by q.created_at, q.id), '[]'::jsonb))
  from (
    select c.id, c.created_at
    from public.contributions c
    where c.id in (select public.coded_contribution_ids(payload ->> 'category_id'))
      and (nullif(payload ->> 'theme_id', '') is null or c.theme_id = payload ->> 'theme_id')
    order by c.created_at, c.id
    limit least(greatest(coalesce((payload ->> 'limit')::integer, 1000), 1), 10000)
  ) q
$$;

comment on function public.contributions_by_category(jsonb) is
  'Ids of the contributions coded with a category (whole or extract), oldest first, optionally of one theme; a pure read.';

-- → { counts: [{ theme_id, category_id, contributions }] }: per theme and category, the contributions
-- the public sees (visible_contributions: answers and replies) coded with it, each once however coded.
create function public.category_counts(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('counts', coalesce(jsonb_agg(jsonb_build_object(
    'theme_id', t.theme_id, 'category_id', t.category_id, 'contributions', t.contributions
  ) order by t.theme_id, t.category_id), '[]'::jsonb))
  from (
    select c.theme_id, coded.category_id, count(distinct c.id)::integer as contributions
    from (
      select k.contribution_id, k.category_id from public.contribution_categories k
      union
      select e.contribution_id, e.category_id from public.contribution_extracts e
    ) coded
    join public.visible_contributions c on c.id = coded.contribution_id
    group by c.theme_id, coded.category_id
  ) t
$$;

comment on function public.category_counts(jsonb) is
  'Per theme and category, the published contributions coded with it (whole or extract); what /synthese/ shows when the content makes it public.';

revoke execute on function public.coded_contribution_ids(text) from public, anon, authenticated;
revoke execute on function public.contribution_coding(jsonb) from public, anon, authenticated;
revoke execute on function public.code_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.extract_passage(jsonb) from public, anon, authenticated;
revoke execute on function public.remove_extract(jsonb) from public, anon, authenticated;
revoke execute on function public.extract_log_reason(text, text) from public, anon, authenticated;
revoke execute on function public.contributions_by_category(jsonb) from public, anon, authenticated;
revoke execute on function public.category_counts(jsonb) from public, anon, authenticated;
grant execute on function public.coded_contribution_ids(text) to service_role;
grant execute on function public.contribution_coding(jsonb) to service_role;
grant execute on function public.code_contribution(jsonb) to service_role;
grant execute on function public.extract_passage(jsonb) to service_role;
grant execute on function public.remove_extract(jsonb) to service_role;
grant execute on function public.extract_log_reason(text, text) to service_role;
grant execute on function public.contributions_by_category(jsonb) to service_role;
grant execute on function public.category_counts(jsonb) to service_role;
