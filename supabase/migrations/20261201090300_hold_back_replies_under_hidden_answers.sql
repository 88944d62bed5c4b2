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

-- compute_summary (the summary itself, read from the counters) is defined in 20261205090000_incremental_summary.sql.


revoke execute on function public.public_snapshot(jsonb) from public, anon, authenticated;
grant execute on function public.public_snapshot(jsonb) to service_role;
