-- A published reply whose answer went back to review (abuse flags) or was
-- rejected is on no page and in no export: the pages thread replies under
-- their answer. It was still counted in the summary (46 replies there, 45
-- rows in the export). Decision: such a reply is held back, like its answer,
-- and counted nowhere until its answer is published again. One definition of
-- what the public sees, visible_contributions, now feeds both the snapshot
-- (pages, exports) and the summary.

create view public.visible_contributions with (security_invoker = true) as
with recursive visible as (
  select c.* from public.contributions c where c.status = 'published' and c.parent_id is null
  union all
  select c.* from public.contributions c join visible v on c.parent_id = v.id where c.status = 'published'
)
select * from visible;

comment on view public.visible_contributions is
  'Published contributions whose whole thread up to the answer is published: what the pages, the exports and the summary show.';

revoke all on public.visible_contributions from public, anon, authenticated;
grant select on public.visible_contributions to service_role;

create or replace function public.public_snapshot(payload jsonb default '{}'::jsonb)
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
      from public.visible_contributions c
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
  v_stopwords text[] := array(select jsonb_array_elements_text(coalesce(payload -> 'stopwords', '[]')));
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

revoke execute on function public.public_snapshot(jsonb) from public, anon, authenticated;
revoke execute on function public.compute_summary(jsonb) from public, anon, authenticated;
grant execute on function public.public_snapshot(jsonb) to service_role;
grant execute on function public.compute_summary(jsonb) to service_role;
