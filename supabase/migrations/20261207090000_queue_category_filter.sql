-- The queue filtered by coding category: a moderator writing the synthesis
-- takes every contribution tagged « solution » (as a whole or by one of its
-- extracts) in one theme, one territory type, one question. One payload key
-- (category_id) and one predicate, over coded_contribution_ids
-- (20261206130000_coding_contributions.sql); contributions only, like the
-- theme and the question: an initiative is not coded.

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
  -- The filters: null filters nothing.
  v_theme text := nullif(payload ->> 'theme_id', '');
  v_question text := nullif(payload ->> 'question_id', '');
  v_profile text := nullif(payload ->> 'profile', '');
  v_territory text := nullif(payload ->> 'territory_type', '');
  v_text text := public.moderation_search_fold(nullif(btrim(payload ->> 'text'), ''));
  v_category text := nullif(payload ->> 'category_id', '');
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
        and (v_profile is null or i.profile = v_profile)
        and (v_territory is null or i.territory_type = v_territory)
        and (v_text is null or strpos(public.moderation_search_fold(
               concat_ws(' ', i.name, i.description, i.pseudonym, i.commune_name)), v_text) > 0)
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
        and (v_theme is null or c.theme_id = v_theme)
        and (v_question is null or c.question_id = v_question)
        and (v_profile is null or c.profile = v_profile)
        and (v_territory is null or c.territory_type = v_territory)
        and (v_category is null or c.id in (select public.coded_contribution_ids(v_category)))
        and (v_text is null or strpos(public.moderation_search_fold(
               concat_ws(' ', c.body, c.pseudonym, c.commune_name)), v_text) > 0)
        and (v_after_at is null or (c.created_at, c.id) > (v_after_at, v_after_id))
      order by c.created_at, c.id
      limit v_limit
    ) q;
  end if;
  return jsonb_build_object('items', v_items);
end;
$$;

comment on function public.moderation_queue(jsonb) is
  'One page of a moderation queue, oldest first, after a (created_at, id) cursor, narrowed by optional filters (theme, question, profile, territory type, coding category, folded free text); with open flags and reactions and the distinct networks they came from.';

revoke execute on function public.moderation_queue(jsonb) from public, anon, authenticated;
grant execute on function public.moderation_queue(jsonb) to service_role;
