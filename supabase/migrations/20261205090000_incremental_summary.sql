-- The summary, kept up to date by the writes instead of recomputed from every
-- row at each refresh. At 100,000 contributions the full computation took
-- 9.1 s on PostgreSQL 15 and 21.3 s on PGlite (Supabase's statement timeout
-- is 8 s), three quarters of it re-splitting every text into words.
--
-- Now a text is tokenized once, when it becomes public (visible: published,
-- and under a published answer), into word stems; the counters of every
-- figure of the summary move by +1 / -1 in the same transaction as the write
-- that makes a contribution, an initiative or a reaction public or not.
-- Statement-level triggers with transition tables keep bulk loads (imports,
-- the benchmark's generator) to one pass per statement. compute_summary reads
-- the counters; compute_summary_full keeps the old way, from the rows
-- themselves, as the reference the property test (tests/db/summary-property.ts)
-- compares it with after random sequences of writes.
--
-- Recurring words are now counted by stem with PostgreSQL's Snowball French
-- stemmer (french_stem, which PGlite ships too): « bureau » and « bureaux »
-- are one entry, shown under the form most texts use. French stop words of
-- the stemmer's own list are dropped at tokenization; the payload's stop
-- words (the content's list) are dropped, by stem, when the summary is read.

-- The words of a text, once each: the surface form (lower case) and its stem.
create function public.summary_tokens(body text)
returns table (stem text, word text)
language sql
stable
parallel safe
set search_path = ''
as $$
  select l.lexemes[1], w.word
  from (
    select distinct btrim(token, '-') as word
    from regexp_split_to_table(lower(body), '[^a-z0-9àâäçéèêëîïôöùûüÿœæ-]+') as token
  ) w
  cross join lateral (select pg_catalog.ts_lexize('pg_catalog.french_stem'::pg_catalog.regdictionary, w.word) as lexemes) l
  where char_length(w.word) >= 3
    and w.word !~ '^[0-9-]+$'
    and cardinality(l.lexemes) > 0
$$;

comment on function public.summary_tokens(text) is
  'Distinct words of a text (3 letters or more, not numbers, not stemmer stop words) with their French stem.';

-- What the summary counts of each public contribution, as it was counted:
-- un-counting subtracts these values, whatever the row has become since.
create table public.summary_members (
  contribution_id uuid primary key,
  parent_id uuid,
  theme_id text not null,
  question_id text not null,
  profile text not null,
  territory_type text not null,
  region_code text not null,
  region_name text not null,
  departement_code text not null,
  departement_name text not null,
  commune_key text not null,
  author_hash text not null,
  created_at timestamptz not null,
  body_md5 text not null,
  stems text[] not null,
  words text[] not null,
  support integer not null default 0,
  disagree integer not null default 0
);

comment on table public.summary_members is
  'Public contributions as the summary counted them (with their words, tokenized once); maintained by triggers.';

-- The most supported answers of a theme, read in order.
create index summary_members_top_idx on public.summary_members
  (theme_id, support desc, disagree, created_at, contribution_id) where parent_id is null;

create table public.summary_initiative_members (
  initiative_id uuid primary key,
  region_code text not null,
  region_name text not null,
  territory_type text not null,
  author_hash text not null
);

comment on table public.summary_initiative_members is
  'Published initiatives as the summary counted them; maintained by triggers.';

-- One counter per figure: dimension (theme, question, profile, territory,
-- region, departement, bucket of 15 minutes, totals) and key; label and
-- parent carry a name (région, département) or the owner (a question's theme).
create table public.summary_counts (
  dimension text not null,
  key text not null,
  label text,
  parent text,
  n bigint not null,
  primary key (dimension, key)
);

comment on table public.summary_counts is 'The summary''s counters, moved by the writes that change public data.';

-- How many public items each author and each commune has: the distinct
-- participants and communes of the totals move when one goes from 0 to 1 or back.
create table public.summary_distinct (
  dimension text not null,
  key text not null,
  n bigint not null,
  primary key (dimension, key)
);

comment on table public.summary_distinct is 'Public items per author hash and per commune, for the distinct totals; never exposed.';

-- In how many public texts of a theme a stem appears, and each of its forms.
create table public.summary_words (
  theme_id text not null,
  stem text not null,
  n bigint not null,
  primary key (theme_id, stem)
);

create index summary_words_rank_idx on public.summary_words (theme_id, n desc, stem);

create table public.summary_word_forms (
  theme_id text not null,
  stem text not null,
  word text not null,
  n bigint not null,
  primary key (theme_id, stem, word)
);

comment on table public.summary_words is 'Public texts per theme and word stem.';
comment on table public.summary_word_forms is 'Public texts per theme, stem and surface form: the form shown is the most used.';

do $$
declare
  v_table text;
begin
  foreach v_table in array array['summary_members', 'summary_initiative_members', 'summary_counts',
                                 'summary_distinct', 'summary_words', 'summary_word_forms'] loop
    execute format('alter table public.%I enable row level security', v_table);
    execute format('create policy "service role reads %s" on public.%I for select to service_role using (true)',
                   v_table, v_table);
    execute format('revoke all on public.%I from public, anon, authenticated', v_table);
    execute format('grant select on public.%I to service_role', v_table);
  end loop;
end;
$$;

-- Adds counter deltas; the distinct ones (author, commune) move the totals
-- participants and communes when an author or a commune appears or goes.
create function public.summary_bump(p_counts public.summary_counts[], p_distinct public.summary_distinct[])
returns void
language sql
security definer
set search_path = ''
as $$
  with distinct_deltas as (
    select d.dimension, d.key, sum(d.n)::bigint as n
    from unnest(p_distinct) d
    group by d.dimension, d.key
    having sum(d.n) <> 0
  ),
  moved as (
    insert into public.summary_distinct as s (dimension, key, n)
    select dimension, key, n from distinct_deltas
    on conflict (dimension, key) do update set n = s.n + excluded.n
    returning s.dimension, s.key, s.n
  ),
  flips as (
    select case m.dimension when 'author' then 'participants' else 'communes' end as dimension,
           (count(*) filter (where m.n > 0 and m.n - d.n <= 0)
            - count(*) filter (where m.n <= 0 and m.n - d.n > 0))::bigint as n
    from moved m join distinct_deltas d using (dimension, key)
    group by m.dimension
  ),
  deltas as (
    select c.dimension, c.key, max(c.label) as label, max(c.parent) as parent, sum(c.n)::bigint as n
    from (
      select dimension, key, label, parent, n from unnest(p_counts)
      union all
      select dimension, '', null, null, n from flips
    ) c
    group by c.dimension, c.key
    having sum(c.n) <> 0
  )
  insert into public.summary_counts as s (dimension, key, label, parent, n)
  select dimension, key, label, parent, n from deltas
  on conflict (dimension, key) do update
    set n = s.n + excluded.n,
        label = coalesce(greatest(s.label, excluded.label), s.label),
        parent = coalesce(greatest(s.parent, excluded.parent), s.parent)
$$;

-- Counts (p_sign = 1) or un-counts (-1) contributions as members.
create function public.summary_count_members(p_members public.summary_members[], p_sign integer)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.summary_words as s (theme_id, stem, n)
  select m.theme_id, t.stem, p_sign * count(*)
  from unnest(p_members) m cross join lateral (select distinct unnest(m.stems) as stem) t
  group by m.theme_id, t.stem
  on conflict (theme_id, stem) do update set n = s.n + excluded.n;

  insert into public.summary_word_forms as s (theme_id, stem, word, n)
  select m.theme_id, t.stem, t.word, p_sign * count(*)
  from unnest(p_members) m cross join lateral unnest(m.stems, m.words) as t (stem, word)
  group by m.theme_id, t.stem, t.word
  on conflict (theme_id, stem, word) do update set n = s.n + excluded.n;

  perform public.summary_bump(
    array(
      with m as (select * from unnest(p_members))
      select row(dimension, key, label, parent, p_sign * n)::public.summary_counts from (
        select 'contributions' as dimension, '' as key, null::text as label, null::text as parent,
               count(*) filter (where parent_id is null) as n from m
        union all
        select 'replies', '', null, null, count(*) filter (where parent_id is not null) from m
        union all
        select 'theme', theme_id, null, null, count(*) filter (where parent_id is null) from m group by theme_id
        union all
        select 'theme_replies', theme_id, null, null, count(*) filter (where parent_id is not null) from m group by theme_id
        union all
        select 'question', theme_id || ' ' || question_id, question_id, theme_id, count(*)
        from m where parent_id is null group by theme_id, question_id
        union all
        select 'profile', profile, null, null, count(*) from m group by profile
        union all
        select 'territory', territory_type, null, null, count(*) from m group by territory_type
        union all
        select 'region', region_code, max(region_name), null, count(*) from m group by region_code
        union all
        select 'departement', departement_code, max(departement_name), max(region_code), count(*)
        from m group by departement_code
        union all
        -- Every time zone's offset is a multiple of 15 minutes: the day of a
        -- bucket is the day of each instant in it, in any zone read later.
        select 'bucket', extract(epoch from date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00'))::bigint::text,
               null, null, count(*)
        from m group by 2
      ) c
      where n <> 0
    ),
    array(
      select row(dimension, key, p_sign * count(*))::public.summary_distinct from (
        select 'author' as dimension, author_hash as key from unnest(p_members)
        union all
        select 'commune', commune_key from unnest(p_members)
      ) d
      group by dimension, key
    )
  );
end;
$$;

-- The given contributions and all the replies under them: whether each is
-- public now (published, and so is its answer, up to the thread's start).
create function public.summary_visible(p_ids uuid[])
returns table (id uuid, visible boolean)
language sql
stable
set search_path = ''
as $$
  with recursive closure as (
    select c.id, c.parent_id, c.status from public.contributions c where c.id = any(p_ids)
    union
    select c.id, c.parent_id, c.status from public.contributions c join closure k on c.parent_id = k.id
  ),
  visibility as (
    -- A thread's top within the closure: its parent, if any, did not change, so its membership is current.
    select k.id, k.status = 'published'
                 and (k.parent_id is null
                      or exists (select 1 from public.summary_members m where m.contribution_id = k.parent_id)) as visible
    from closure k
    where k.parent_id is null or not exists (select 1 from closure p where p.id = k.parent_id)
    union all
    select k.id, v.visible and k.status = 'published'
    from closure k join visibility v on k.parent_id = v.id
  )
  select id, visible from visibility
$$;

-- Brings the members (and the counters) of these contributions, and of the
-- replies under them, in line with the rows: un-counts what is no longer
-- public or changed, counts what became public, tokenizing only those.
create function public.summary_sync_contributions(p_ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_members public.summary_members[];
begin
  with v as (select * from public.summary_visible(p_ids)),
  stale as (
    delete from public.summary_members m
    where m.contribution_id in (select unnest(p_ids) union select id from v)
      and not exists (
        select 1 from v join public.contributions c on c.id = v.id
        where v.visible and c.id = m.contribution_id
          and (c.parent_id, c.theme_id, c.question_id, c.profile, c.territory_type, c.region_code, c.region_name,
               c.departement_code, c.departement_name, c.commune_name || c.departement_code, c.author_hash,
               c.created_at, md5(c.body))
              is not distinct from
              (m.parent_id, m.theme_id, m.question_id, m.profile, m.territory_type, m.region_code, m.region_name,
               m.departement_code, m.departement_name, m.commune_key, m.author_hash, m.created_at, m.body_md5))
    returning m.*
  )
  select array_agg(row(stale.*)::public.summary_members) into v_members from stale;
  if v_members is not null then
    perform public.summary_count_members(v_members, -1);
  end if;

  with v as (select * from public.summary_visible(p_ids) where visible),
  fresh as (
    insert into public.summary_members (
      contribution_id, parent_id, theme_id, question_id, profile, territory_type, region_code, region_name,
      departement_code, departement_name, commune_key, author_hash, created_at, body_md5, stems, words,
      support, disagree)
    select c.id, c.parent_id, c.theme_id, c.question_id, c.profile, c.territory_type, c.region_code, c.region_name,
           c.departement_code, c.departement_name, c.commune_name || c.departement_code, c.author_hash,
           c.created_at, md5(c.body), coalesce(t.stems, '{}'), coalesce(t.words, '{}'),
           r.support, r.disagree
    from v
    join public.contributions c on c.id = v.id
    cross join lateral (
      select array_agg(tk.stem order by tk.word) as stems, array_agg(tk.word order by tk.word) as words
      from public.summary_tokens(c.body) tk
    ) t
    cross join lateral (
      select (count(*) filter (where x.kind = 'support'))::integer as support,
             (count(*) filter (where x.kind = 'disagree'))::integer as disagree
      from public.reactions x where x.contribution_id = c.id
    ) r
    where not exists (select 1 from public.summary_members m where m.contribution_id = c.id)
    returning *
  )
  select array_agg(row(fresh.*)::public.summary_members) into v_members from fresh;
  if v_members is not null then
    perform public.summary_count_members(v_members, 1);
  end if;
end;
$$;

-- Counts (p_sign = 1) or un-counts (-1) published initiatives.
create function public.summary_count_initiatives(p_members public.summary_initiative_members[], p_sign integer)
returns void
language sql
security definer
set search_path = ''
as $$
  select public.summary_bump(
    array(
      with m as (select * from unnest(p_members))
      select row(dimension, key, label, null, p_sign * n)::public.summary_counts from (
        select 'initiatives' as dimension, '' as key, null::text as label, count(*) as n from m
        union all
        select 'territory_initiatives', territory_type, null, count(*) from m group by territory_type
        union all
        select 'region_initiatives', region_code, max(region_name), count(*) from m group by region_code
      ) c
      where n <> 0),
    array(select row('author', author_hash, p_sign * count(*))::public.summary_distinct
          from unnest(p_members) group by author_hash))
$$;

create function public.summary_sync_initiatives(p_ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_members public.summary_initiative_members[];
begin
  with stale as (
    delete from public.summary_initiative_members m
    where m.initiative_id = any(p_ids)
      and not exists (
        select 1 from public.initiatives i
        where i.id = m.initiative_id and i.status = 'published'
          and (i.region_code, i.region_name, i.territory_type, i.author_hash)
              = (m.region_code, m.region_name, m.territory_type, m.author_hash))
    returning m.*
  )
  select array_agg(row(stale.*)::public.summary_initiative_members) into v_members from stale;
  if v_members is not null then
    perform public.summary_count_initiatives(v_members, -1);
  end if;

  with fresh as (
    insert into public.summary_initiative_members (initiative_id, region_code, region_name, territory_type, author_hash)
    select i.id, i.region_code, i.region_name, i.territory_type, i.author_hash
    from public.initiatives i
    where i.id = any(p_ids) and i.status = 'published'
      and not exists (select 1 from public.summary_initiative_members m where m.initiative_id = i.id)
    returning *
  )
  select array_agg(row(fresh.*)::public.summary_initiative_members) into v_members from fresh;
  if v_members is not null then
    perform public.summary_count_initiatives(v_members, 1);
  end if;
end;
$$;

create function public.summary_on_items()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ids uuid[];
begin
  -- Only rows that are or were published can change what is public: a
  -- submission (pending) costs one scan of its own transition table.
  if tg_op = 'INSERT' then
    select array_agg(id) into v_ids from new_rows where status = 'published';
  elsif tg_op = 'UPDATE' then
    select array_agg(id) into v_ids from (
      select id from new_rows where status = 'published' union select id from old_rows where status = 'published') x;
  else
    select array_agg(id) into v_ids from old_rows where status = 'published';
  end if;
  if v_ids is null then
    return null;
  elsif tg_table_name = 'contributions' then
    perform public.summary_sync_contributions(v_ids);
  else
    perform public.summary_sync_initiatives(v_ids);
  end if;
  return null;
end;
$$;

create function public.summary_on_reactions()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_kinds text[];
  v_signs integer[];
begin
  -- The reaction counts of members; a contribution that becomes public later counts its reactions then.
  if tg_op = 'INSERT' then
    select array_agg(contribution_id), array_agg(kind), array_agg(1) into v_ids, v_kinds, v_signs from new_rows;
  elsif tg_op = 'UPDATE' then
    select array_agg(contribution_id), array_agg(kind), array_agg(sign) into v_ids, v_kinds, v_signs
    from (select contribution_id, kind, 1 as sign from new_rows
          union all select contribution_id, kind, -1 from old_rows) x;
  else
    select array_agg(contribution_id), array_agg(kind), array_agg(-1) into v_ids, v_kinds, v_signs from old_rows;
  end if;
  update public.summary_members m
  set support = m.support + d.support, disagree = m.disagree + d.disagree
  from (
    select r.id,
           coalesce(sum(r.sign) filter (where r.kind = 'support'), 0)::integer as support,
           coalesce(sum(r.sign) filter (where r.kind = 'disagree'), 0)::integer as disagree
    from unnest(v_ids, v_kinds, v_signs) as r (id, kind, sign)
    group by r.id
  ) d
  where m.contribution_id = d.id and (d.support <> 0 or d.disagree <> 0);
  return null;
end;
$$;

create trigger summary_contributions_inserted after insert on public.contributions
  referencing new table as new_rows for each statement execute function public.summary_on_items();
create trigger summary_contributions_updated after update on public.contributions
  referencing old table as old_rows new table as new_rows for each statement execute function public.summary_on_items();
create trigger summary_contributions_deleted after delete on public.contributions
  referencing old table as old_rows for each statement execute function public.summary_on_items();
create trigger summary_initiatives_inserted after insert on public.initiatives
  referencing new table as new_rows for each statement execute function public.summary_on_items();
create trigger summary_initiatives_updated after update on public.initiatives
  referencing old table as old_rows new table as new_rows for each statement execute function public.summary_on_items();
create trigger summary_initiatives_deleted after delete on public.initiatives
  referencing old table as old_rows for each statement execute function public.summary_on_items();
create trigger summary_reactions_inserted after insert on public.reactions
  referencing new table as new_rows for each statement execute function public.summary_on_reactions();
create trigger summary_reactions_updated after update on public.reactions
  referencing old table as old_rows new table as new_rows for each statement execute function public.summary_on_reactions();
create trigger summary_reactions_deleted after delete on public.reactions
  referencing old table as old_rows for each statement execute function public.summary_on_reactions();

-- Counts everything again from the rows: at this migration, and by the
-- owner should the counters ever be doubted (compute_summary_full tells).
create function public.summary_rebuild()
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.summary_members;
  delete from public.summary_initiative_members;
  delete from public.summary_counts;
  delete from public.summary_distinct;
  delete from public.summary_words;
  delete from public.summary_word_forms;
  perform public.summary_sync_contributions(array(select id from public.contributions where status = 'published'));
  perform public.summary_sync_initiatives(array(select id from public.initiatives where status = 'published'));
end;
$$;

select public.summary_rebuild();

-- The payload's stop words, as stems: a word is left out when its stem is one of them.
create function public.summary_stop_stems(payload jsonb)
returns text[]
language sql
stable
set search_path = ''
as $$
  select coalesce(array_agg(distinct coalesce(l.lexemes[1], s.word)), '{}')
  from jsonb_array_elements_text(coalesce(payload -> 'stopwords', '[]')) as s (word)
  cross join lateral (
    select pg_catalog.ts_lexize('pg_catalog.french_stem'::pg_catalog.regdictionary, lower(s.word)) as lexemes) l
$$;

-- The summary, read from the counters: a few hundred rows whatever the volume.
create or replace function public.compute_summary(payload jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_zone text := coalesce(payload ->> 'time_zone', 'Europe/Paris');
  v_opens date := (payload ->> 'opens_on')::date;
  v_closes date := (payload ->> 'closes_on')::date;
  v_top_contributions integer := coalesce((payload ->> 'top_contributions')::integer, 3);
  v_top_words integer := coalesce((payload ->> 'top_words')::integer, 15);
  v_stop_stems text[] := public.summary_stop_stems(payload);
  v_result jsonb;
begin
  with counts as (
    select dimension, key, label, parent, n from public.summary_counts where n > 0
  ),
  total(dimension, n) as (
    select dimension, n from counts where key = '' and dimension in
      ('contributions', 'replies', 'initiatives', 'participants', 'communes')
  ),
  themes as (
    select key as theme_id,
           coalesce(max(n) filter (where dimension = 'theme'), 0) as contributions,
           coalesce(max(n) filter (where dimension = 'theme_replies'), 0) as replies
    from counts where dimension in ('theme', 'theme_replies') group by key
  )
  select jsonb_build_object(
    'totals', jsonb_build_object(
      'contributions', coalesce((select n from total where dimension = 'contributions'), 0),
      'replies', coalesce((select n from total where dimension = 'replies'), 0),
      'initiatives', coalesce((select n from total where dimension = 'initiatives'), 0),
      'participants', coalesce((select n from total where dimension = 'participants'), 0),
      'communes', coalesce((select n from total where dimension = 'communes'), 0)
    ),
    'by_theme', coalesce((
      select jsonb_agg(jsonb_build_object(
        'theme_id', t.theme_id, 'contributions', t.contributions, 'replies', t.replies,
        'questions', (select jsonb_agg(jsonb_build_object('question_id', q.label, 'contributions', q.n) order by q.label)
                      from counts q where q.dimension = 'question' and q.parent = t.theme_id)
      ) order by t.theme_id)
      from themes t
    ), '[]'),
    'by_profile', coalesce((
      select jsonb_agg(jsonb_build_object('profile', key, 'contributions', n) order by n desc, key)
      from counts where dimension = 'profile'
    ), '[]'),
    'by_territory_type', coalesce((
      select jsonb_agg(jsonb_build_object(
        'territory_type', t.territory_type, 'contributions', coalesce(c.n, 0), 'initiatives', coalesce(i.n, 0)
      ) order by t.ord)
      from (values ('rural', 1), ('small-town', 2), ('medium-town', 3), ('metropolis', 4)) as t (territory_type, ord)
      left join counts c on c.dimension = 'territory' and c.key = t.territory_type
      left join counts i on i.dimension = 'territory_initiatives' and i.key = t.territory_type
    ), '[]'),
    'by_region', coalesce((
      select jsonb_agg(jsonb_build_object(
        'region_code', r.key, 'region_name', r.label, 'contributions', r.contributions, 'initiatives', r.initiatives
      ) order by r.key)
      from (
        select key, max(label) as label,
               coalesce(max(n) filter (where dimension = 'region'), 0) as contributions,
               coalesce(max(n) filter (where dimension = 'region_initiatives'), 0) as initiatives
        from counts where dimension in ('region', 'region_initiatives') group by key
      ) r
    ), '[]'),
    'by_departement', coalesce((
      select jsonb_agg(jsonb_build_object(
        'departement_code', key, 'departement_name', label, 'region_code', parent, 'contributions', n
      ) order by key)
      from counts where dimension = 'departement'
    ), '[]'),
    'daily', coalesce((
      select jsonb_agg(jsonb_build_object('day', to_char(d.day, 'YYYY-MM-DD'), 'contributions', coalesce(b.n, 0)) order by d.day)
      from generate_series(v_opens, v_closes, interval '1 day') as d (day)
      left join (
        select (to_timestamp(key::bigint) at time zone v_zone)::date as day, sum(n) as n
        from counts where dimension = 'bucket' group by 1
      ) b on b.day = d.day::date
    ), '[]'),
    'top_contributions', coalesce((
      select jsonb_agg(jsonb_build_object('theme_id', t.theme_id, 'items', (
        select jsonb_agg(jsonb_build_object(
          'id', c.id, 'question_id', c.question_id, 'pseudonym', c.pseudonym, 'commune_name', c.commune_name,
          'excerpt', left(c.body, 280), 'support', m.support, 'disagree', m.disagree
        ) order by m.support desc, m.disagree, m.created_at, m.contribution_id)
        from (
          select * from public.summary_members m
          where m.theme_id = t.theme_id and m.parent_id is null
          order by m.support desc, m.disagree, m.created_at, m.contribution_id
          limit v_top_contributions
        ) m
        join public.contributions c on c.id = m.contribution_id
      )) order by t.theme_id)
      from themes t where t.contributions > 0
    ), '[]'),
    'recurring_words', coalesce((
      select jsonb_agg(jsonb_build_object('theme_id', x.theme_id, 'words', x.words) order by x.theme_id)
      from (
        select t.theme_id, jsonb_agg(jsonb_build_object('word', w.word, 'contributions', w.n) order by w.n desc, w.stem) as words
        from themes t
        cross join lateral (
          select s.stem, s.n,
                 (select f.word from public.summary_word_forms f
                  where f.theme_id = s.theme_id and f.stem = s.stem and f.n > 0
                  order by f.n desc, f.word limit 1) as word
          from public.summary_words s
          where s.theme_id = t.theme_id and s.n > 0 and not (s.stem = any (v_stop_stems))
          order by s.n desc, s.stem
          limit v_top_words
        ) w
        group by t.theme_id
      ) x
    ), '[]')
  ) into v_result;
  return v_result;
end;
$$;

comment on function public.compute_summary(jsonb) is
  'The public summary, read from the counters the writes maintain; equals compute_summary_full.';

-- The reference: the same summary computed from the rows themselves, as
-- before the counters (with stems for the words). Seconds at 100,000
-- contributions; the property test and the owner's checks call it.
create function public.compute_summary_full(payload jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_zone text := coalesce(payload ->> 'time_zone', 'Europe/Paris');
  v_opens date := (payload ->> 'opens_on')::date;
  v_closes date := (payload ->> 'closes_on')::date;
  v_top_contributions integer := coalesce((payload ->> 'top_contributions')::integer, 3);
  v_top_words integer := coalesce((payload ->> 'top_words')::integer, 15);
  v_stop_stems text[] := public.summary_stop_stems(payload);
  v_result jsonb;
begin
  with published as (
    select c.id, c.parent_id, c.theme_id, c.question_id, c.body, c.pseudonym, c.profile, c.commune_name,
           c.departement_code, c.departement_name, c.region_code, c.region_name, c.territory_type,
           c.author_hash, c.created_at
    from public.visible_contributions c
    where c.status = 'published'
  ),
  published_initiatives as (
    select i.region_code, i.region_name, i.departement_code, i.departement_name, i.kind, i.territory_type, i.author_hash
    from public.initiatives i
    where i.status = 'published'
  ),
  support as (
    select r.contribution_id,
           count(*) filter (where r.kind = 'support') as support,
           count(*) filter (where r.kind = 'disagree') as disagree
    from public.reactions r
    join published p on p.id = r.contribution_id
    group by r.contribution_id
  ),
  ranked as (
    select p.theme_id, p.id, p.question_id, p.pseudonym, p.commune_name, left(p.body, 280) as excerpt,
           coalesce(s.support, 0) as support, coalesce(s.disagree, 0) as disagree,
           row_number() over (partition by p.theme_id
                              order by coalesce(s.support, 0) desc, coalesce(s.disagree, 0), p.created_at, p.id) as rank
    from published p
    left join support s on s.contribution_id = p.id
    where p.parent_id is null
  ),
  tokens as (
    select p.theme_id, p.id, t.stem, t.word
    from published p cross join lateral public.summary_tokens(p.body) t
    where not (t.stem = any (v_stop_stems))
  ),
  forms as (
    -- The form of a stem shown is the one found in most texts of the theme.
    select theme_id, stem, word,
           row_number() over (partition by theme_id, stem order by count(*) desc, word) as rank
    from tokens group by theme_id, stem, word
  ),
  top_words as (
    -- Each stem counts once per contribution: « recurring » means found in many texts.
    select s.theme_id, f.word, s.contributions,
           row_number() over (partition by s.theme_id order by s.contributions desc, s.stem) as rank
    from (select theme_id, stem, count(distinct id) as contributions from tokens group by theme_id, stem) s
    join forms f on f.theme_id = s.theme_id and f.stem = s.stem and f.rank = 1
  )
  select jsonb_build_object(
    'totals', jsonb_build_object(
      'contributions', (select count(*) from published where parent_id is null),
      'replies', (select count(*) from published where parent_id is not null),
      'initiatives', (select count(*) from published_initiatives),
      'participants', (select count(distinct author_hash) from (
        select author_hash from published union all select author_hash from published_initiatives) a),
      'communes', (select count(distinct commune_name || departement_code) from published)
    ),
    'by_theme', coalesce((
      select jsonb_agg(jsonb_build_object(
        'theme_id', t.theme_id, 'contributions', t.contributions, 'replies', t.replies, 'questions', t.questions
      ) order by t.theme_id)
      from (
        select theme_id,
               count(*) filter (where parent_id is null) as contributions,
               count(*) filter (where parent_id is not null) as replies,
               (select jsonb_agg(jsonb_build_object('question_id', q.question_id, 'contributions', q.n) order by q.question_id)
                from (select question_id, count(*) as n from published p2
                      where p2.theme_id = p1.theme_id and p2.parent_id is null group by question_id) q) as questions
        from published p1
        group by theme_id
      ) t
    ), '[]'),
    'by_profile', coalesce((
      select jsonb_agg(jsonb_build_object('profile', profile, 'contributions', n) order by n desc, profile)
      from (select profile, count(*) as n from published group by profile) x
    ), '[]'),
    'by_territory_type', coalesce((
      select jsonb_agg(jsonb_build_object(
        'territory_type', t.territory_type, 'contributions', coalesce(c.n, 0), 'initiatives', coalesce(i.n, 0)
      ) order by t.ord)
      from (values ('rural', 1), ('small-town', 2), ('medium-town', 3), ('metropolis', 4)) as t (territory_type, ord)
      left join (select territory_type, count(*) as n from published group by territory_type) c using (territory_type)
      left join (select territory_type, count(*) as n from published_initiatives group by territory_type) i using (territory_type)
    ), '[]'),
    'by_region', coalesce((
      select jsonb_agg(jsonb_build_object(
        'region_code', r.region_code, 'region_name', r.region_name,
        'contributions', r.contributions, 'initiatives', r.initiatives
      ) order by r.region_code)
      from (
        select region_code, max(region_name) as region_name,
               count(*) filter (where source = 'c') as contributions,
               count(*) filter (where source = 'i') as initiatives
        from (select region_code, region_name, 'c' as source from published
              union all select region_code, region_name, 'i' from published_initiatives) a
        group by region_code
      ) r
    ), '[]'),
    'by_departement', coalesce((
      select jsonb_agg(jsonb_build_object(
        'departement_code', d.departement_code, 'departement_name', d.departement_name,
        'region_code', d.region_code, 'contributions', d.n
      ) order by d.departement_code)
      from (select departement_code, max(departement_name) as departement_name, max(region_code) as region_code, count(*) as n
            from published group by departement_code) d
    ), '[]'),
    'daily', coalesce((
      select jsonb_agg(jsonb_build_object('day', to_char(d.day, 'YYYY-MM-DD'), 'contributions', coalesce(n.n, 0)) order by d.day)
      from generate_series(v_opens, v_closes, interval '1 day') as d (day)
      left join (select (created_at at time zone v_zone)::date as day, count(*) as n from published group by 1) n
        on n.day = d.day::date
    ), '[]'),
    'top_contributions', coalesce((
      select jsonb_agg(jsonb_build_object('theme_id', theme_id, 'items', items) order by theme_id)
      from (
        select theme_id, jsonb_agg(jsonb_build_object(
          'id', id, 'question_id', question_id, 'pseudonym', pseudonym, 'commune_name', commune_name,
          'excerpt', excerpt, 'support', support, 'disagree', disagree
        ) order by rank) as items
        from ranked where rank <= v_top_contributions
        group by theme_id
      ) x
    ), '[]'),
    'recurring_words', coalesce((
      select jsonb_agg(jsonb_build_object('theme_id', theme_id, 'words', words) order by theme_id)
      from (
        select theme_id, jsonb_agg(jsonb_build_object('word', word, 'contributions', contributions) order by rank) as words
        from top_words where rank <= v_top_words
        group by theme_id
      ) x
    ), '[]')
  ) into v_result;
  return v_result;
end;
$$;

comment on function public.compute_summary_full(jsonb) is
  'The public summary recomputed from every published row: the reference compute_summary must equal.';

-- The triggers' helpers run as the owner; nobody calls them directly. The
-- summary's readers are the service role only, as before.
revoke execute on function public.summary_tokens(text) from public, anon, authenticated;
revoke execute on function public.summary_bump(public.summary_counts[], public.summary_distinct[]) from public, anon, authenticated, service_role;
revoke execute on function public.summary_count_members(public.summary_members[], integer) from public, anon, authenticated, service_role;
revoke execute on function public.summary_count_initiatives(public.summary_initiative_members[], integer) from public, anon, authenticated, service_role;
revoke execute on function public.summary_visible(uuid[]) from public, anon, authenticated, service_role;
revoke execute on function public.summary_sync_contributions(uuid[]) from public, anon, authenticated, service_role;
revoke execute on function public.summary_sync_initiatives(uuid[]) from public, anon, authenticated, service_role;
revoke execute on function public.summary_on_items() from public, anon, authenticated, service_role;
revoke execute on function public.summary_on_reactions() from public, anon, authenticated, service_role;
revoke execute on function public.summary_rebuild() from public, anon, authenticated, service_role;
revoke execute on function public.summary_stop_stems(jsonb) from public, anon, authenticated;
revoke execute on function public.compute_summary(jsonb) from public, anon, authenticated;
revoke execute on function public.compute_summary_full(jsonb) from public, anon, authenticated;
grant execute on function public.summary_stop_stems(jsonb) to service_role;
grant execute on function public.summary_tokens(text) to service_role;
grant execute on function public.compute_summary(jsonb) to service_role;
grant execute on function public.compute_summary_full(jsonb) to service_role;
