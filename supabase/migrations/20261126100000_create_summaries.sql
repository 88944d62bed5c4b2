-- Summaries: the public figures of the consultation, computed in SQL from
-- published data only (never a personal column), stored with the time they
-- were computed. Rebuilt by the scheduled function, on demand, and at build.

create table public.summaries (
  id bigint generated always as identity primary key,
  computed_at timestamptz not null default now(),
  duration_ms integer not null,
  data jsonb not null
);

comment on table public.summaries is 'Computed public summaries (aggregates of published data); the latest row is current.';

create index summaries_computed_at_idx on public.summaries (computed_at desc);

alter table public.summaries enable row level security;

create policy "anon reads summaries" on public.summaries
  for select to anon using (true);
create policy "authenticated reads summaries" on public.summaries
  for select to authenticated using (true);
create policy "service role reads summaries" on public.summaries
  for select to service_role using (true);
create policy "service role inserts summaries" on public.summaries
  for insert to service_role with check (true);
create policy "service role deletes summaries" on public.summaries
  for delete to service_role using (true);

revoke all on public.summaries from anon, authenticated;
grant select on public.summaries to anon, authenticated;
grant select, insert, delete on public.summaries to service_role;

-- payload: { stopwords: text[], opens_on: 'YYYY-MM-DD', closes_on: 'YYYY-MM-DD',
--            time_zone: 'Europe/Paris', top_contributions: int, top_words: int }
create function public.compute_summary(payload jsonb)
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
  v_stopwords text[] := array(select jsonb_array_elements_text(coalesce(payload -> 'stopwords', '[]')));
  v_result jsonb;
begin
  with published as (
    select c.id, c.parent_id, c.theme_id, c.question_id, c.body, c.pseudonym, c.profile, c.commune_name,
           c.departement_code, c.departement_name, c.region_code, c.region_name, c.territory_type,
           c.author_hash, c.created_at
    from public.contributions c
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
  words as (
    -- Each word counts once per contribution: « recurring » means found in many texts.
    select p.theme_id, w.word, count(distinct p.id) as contributions
    from published p,
         lateral (
           select distinct btrim(token, '-') as word
           from regexp_split_to_table(lower(p.body), '[^a-z0-9àâäçéèêëîïôöùûüÿœæ-]+') as token
         ) w
    where char_length(w.word) >= 3
      and w.word !~ '^[0-9-]+$'
      and not (w.word = any (v_stopwords))
    group by p.theme_id, w.word
  ),
  top_words as (
    select theme_id, word, contributions,
           row_number() over (partition by theme_id order by contributions desc, word) as rank
    from words
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

comment on function public.compute_summary(jsonb) is 'The public summary of published data; pure read.';

-- Computes the summary, stores it with its time and duration, keeps the last 10.
create function public.refresh_summary(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_started timestamptz := clock_timestamp();
  v_data jsonb := public.compute_summary(payload);
  v_row public.summaries%rowtype;
begin
  insert into public.summaries (duration_ms, data)
  values (ceil(extract(epoch from clock_timestamp() - v_started) * 1000)::integer, v_data)
  returning * into v_row;
  delete from public.summaries where id not in (select id from public.summaries order by computed_at desc, id desc limit 10);
  return jsonb_build_object('computed_at', v_row.computed_at, 'duration_ms', v_row.duration_ms, 'data', v_row.data);
end;
$$;

create function public.latest_summary(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('computed_at', s.computed_at, 'duration_ms', s.duration_ms, 'data', s.data)
  from public.summaries s
  order by s.computed_at desc, s.id desc
  limit 1
$$;

revoke execute on function public.compute_summary(jsonb) from public;
revoke execute on function public.refresh_summary(jsonb) from public, anon, authenticated;
revoke execute on function public.latest_summary(jsonb) from public;
grant execute on function public.compute_summary(jsonb) to anon, authenticated, service_role;
grant execute on function public.refresh_summary(jsonb) to service_role;
grant execute on function public.latest_summary(jsonb) to anon, authenticated, service_role;
