-- Contributions from the field. The mission team receives contributions
-- that never went through the site: on paper at a field visit, by post
-- (« courrier ») or by e-mail (« courriel »). A moderator enters them, with
-- their origin, and the site says so wherever it shows them (« Contribution
-- reçue par courrier », « Recueillie sur le terrain : <visite> ») and in the
-- open data (origin, origin_event_id).
--
-- What stays the citizen path's: the same table, so the same checks, the
-- same duplicate index (the same text from the same person is refused), the
-- same idempotency key (a double click enters it once; the key's row answers
-- a replay, any changed field under a used key is refused), the same private
-- contacts, the same summary (its triggers on contributions count any
-- published insert). What does not: the rate limit (a moderator typing a
-- pile of letters is not a flood), the consultation's window (a letter
-- posted before closing arrives after it; the use case says so), and the
-- 'submitted' log line, replaced by 'field_entered' with the moderator as
-- actor.
--
-- Published at entry or queued: the moderator chooses (payload.publish). The
-- team that types a letter has read it, so the default of the page is
-- « publier maintenant », one step, logged as 'field_entered' then
-- 'published', both under the moderator's id; a text they want a second
-- reader for goes to the pending queue like any other.

-- Where a contribution came from. 'online' for everything sent through the
-- site, before and after this migration; 'event' names a visit of the
-- content's agenda (src/content/visits.json ids, checked by the use case,
-- which knows the content; the database only checks the id's shape).
alter table public.contributions
  add column origin text not null default 'online' check (origin in ('online', 'event', 'letter', 'email')),
  add column origin_event_id text check (origin_event_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  add constraint contributions_event_origin check ((origin = 'event') = (origin_event_id is not null));

comment on column public.contributions.origin is
  'How the contribution reached the team: online (the site), event (a field visit of the agenda), letter, email; public.';
comment on column public.contributions.origin_event_id is
  'For origin = event: the id of the visit in the content''s agenda (src/content/visits.json); public.';

-- Public columns, as the others (the site itself reads them as service_role only).
grant select (origin, origin_event_id) on public.contributions to anon, authenticated;

-- The view that feeds the snapshot and the summary spells c.*, which PostgreSQL
-- expands when the view is created: recreated so that it carries the new columns.
create or replace view public.visible_contributions with (security_invoker = true) as
with recursive visible as (
  select c.* from public.contributions c where c.status = 'published' and c.parent_id is null
  union all
  select c.* from public.contributions c join visible v on c.parent_id = v.id where c.status = 'published'
)
select * from visible;

revoke all on public.visible_contributions from public, anon, authenticated;
grant select on public.visible_contributions to service_role;

-- payload: { idempotency_key, theme_id, question_id, body, pseudonym, profile, postal_code,
--   commune_code, commune_name, departement_code, departement_name, region_code, region_name,
--   territory_type, email?, contact_consent?, origin, origin_event_id?, publish, actor, at? }
-- → { outcome: 'created', id, status, replayed } | { outcome: 'duplicate' | 'changed_replay' | 'invalid' }
create function public.enter_field_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_key uuid := (payload ->> 'idempotency_key')::uuid;
  v_origin text := payload ->> 'origin';
  v_event text := nullif(payload ->> 'origin_event_id', '');
  v_actor text := nullif(btrim(payload ->> 'actor'), '');
  v_publish boolean := coalesce((payload ->> 'publish')::boolean, false);
  v_status text := case when v_publish then 'published' else 'pending' end;
  v_existing public.contributions%rowtype;
  v_contact public.private_contacts%rowtype;
  v_id uuid;
begin
  -- The use case sends only these; anything else is a caller's bug, refused before any write.
  if v_origin is null or v_origin not in ('event', 'letter', 'email') or (v_origin = 'event') <> (v_event is not null)
     or v_actor is null then
    return jsonb_build_object('outcome', 'invalid');
  end if;

  begin
    insert into public.contributions (
      theme_id, question_id, body, pseudonym, profile, postal_code, commune_code, commune_name,
      departement_code, departement_name, region_code, region_name, territory_type, status,
      moderated_at, published_at, origin, origin_event_id, author_hash, idempotency_key, created_at
    ) values (
      payload ->> 'theme_id', payload ->> 'question_id', payload ->> 'body', payload ->> 'pseudonym',
      payload ->> 'profile', payload ->> 'postal_code', payload ->> 'commune_code', payload ->> 'commune_name',
      payload ->> 'departement_code', payload ->> 'departement_name', payload ->> 'region_code',
      payload ->> 'region_name', payload ->> 'territory_type', v_status,
      case when v_publish then v_at end, case when v_publish then v_at end, v_origin, v_event,
      -- Who the person is, as far as a letter or a workshop tells: their pseudonym and commune at
      -- this origin. It keeps the duplicate index's « same text, same person » and the summary's
      -- participants meaningful; it hashes only public columns, never an address.
      'field:' || md5(concat_ws('|', v_origin, coalesce(v_event, ''), payload ->> 'pseudonym', payload ->> 'commune_code')),
      v_key, v_at
    )
    returning id into v_id;
  exception when unique_violation then
    -- The key is used (a replay, a double click), or the same text was entered for the same person.
    select * into v_existing from public.contributions where idempotency_key = v_key;
    if not found then
      return jsonb_build_object('outcome', 'duplicate');
    end if;
    select * into v_contact from public.private_contacts where contribution_id = v_existing.id;
    -- Every field the moderator typed. `publish` is not compared: the row's state may have been
    -- decided since, and the replay answers with it.
    if (v_existing.parent_id, v_existing.theme_id, v_existing.question_id, v_existing.body,
        v_existing.pseudonym, v_existing.profile, v_existing.postal_code, v_existing.commune_code,
        v_existing.origin, coalesce(v_existing.origin_event_id, ''),
        coalesce(v_contact.email, ''), coalesce(v_contact.contact_consent, false))
       is distinct from
       (null::uuid, payload ->> 'theme_id', payload ->> 'question_id', payload ->> 'body',
        payload ->> 'pseudonym', payload ->> 'profile', payload ->> 'postal_code', payload ->> 'commune_code',
        v_origin, coalesce(v_event, ''),
        coalesce(payload ->> 'email', ''),
        coalesce(payload ->> 'email', '') <> '' and coalesce((payload ->> 'contact_consent')::boolean, false))
    then
      return jsonb_build_object('outcome', 'changed_replay');
    end if;
    return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true);
  end;

  if nullif(payload ->> 'email', '') is not null then
    insert into public.private_contacts (contribution_id, email, contact_consent, created_at)
    values (v_id, payload ->> 'email', coalesce((payload ->> 'contact_consent')::boolean, false), v_at);
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  values ('contribution', v_id, 'field_entered', v_actor,
          case v_origin when 'letter' then 'courrier' when 'email' then 'courriel' else 'visite ' || v_event end, v_at);

  if v_publish then
    insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
    values ('contribution', v_id, 'published', v_actor, null, v_at);
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object('outcome', 'created', 'id', v_id, 'status', v_status, 'replayed', false);
end;
$$;

comment on function public.enter_field_contribution(jsonb) is
  'Records an answer a moderator received on paper, by post or by e-mail, with its origin, published at once or pending (payload.publish), dated at payload.at or now(); idempotent by key (any changed field under a used key is refused), refuses duplicates, no rate limit; logged as field_entered (and published) under the moderator.';

revoke execute on function public.enter_field_contribution(jsonb) from public, anon, authenticated;
grant execute on function public.enter_field_contribution(jsonb) to service_role;

-- The snapshot carries each contribution's origin (moved here from
-- 20261201090300_hold_back_replies_under_hidden_answers.sql; otherwise unchanged).
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
        'support', coalesce(r.support, 0), 'disagree', coalesce(r.disagree, 0),
        'origin', c.origin, 'origin_event_id', c.origin_event_id
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

revoke execute on function public.public_snapshot(jsonb) from public, anon, authenticated;
grant execute on function public.public_snapshot(jsonb) to service_role;
