-- Submissions, defined once. A retry with an Idempotency-Key must carry
-- exactly what the first send carried: only the text was compared, so a
-- reused key with another theme, question, postal code or profile was
-- answered as a replay and the change was dropped without a word. Every
-- field the citizen chose is now compared, the private contact included;
-- any difference is 'changed_replay' (HTTP 422 idempotency_key_reused) and
-- writes nothing.
--
-- Retries of one key now run one after the other (an advisory lock on the
-- key), so a parallel retry finds the first send's row and is a replay: it
-- never takes a rate-limit place. A duplicate (the same text from the same
-- network) gives its place back too: the rate-limit hit and the insert run
-- in one block that a unique violation rolls back.
--
-- The earlier pair (submit_* checking the text, then record_* writing) is
-- replaced by one function each.

drop function if exists public.record_contribution(jsonb);
drop function if exists public.record_initiative(jsonb);

create or replace function public.submit_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_key uuid := (payload ->> 'idempotency_key')::uuid;
  v_theme_id text := payload ->> 'theme_id';
  v_question_id text := payload ->> 'question_id';
  v_parent_id uuid := nullif(payload ->> 'parent_id', '')::uuid;
  v_existing public.contributions%rowtype;
  v_contact public.private_contacts%rowtype;
  v_id uuid;
  v_retry_after integer;
begin
  perform pg_advisory_xact_lock(hashtextextended('idempotency:' || v_key::text, 0));

  select * into v_existing from public.contributions where idempotency_key = v_key;
  if found then
    select * into v_contact from public.private_contacts where contribution_id = v_existing.id;
    if (v_existing.parent_id, coalesce(v_existing.stance, ''), v_existing.body, v_existing.pseudonym,
        v_existing.profile, v_existing.postal_code, v_existing.commune_code,
        coalesce(v_contact.email, ''), coalesce(v_contact.contact_consent, false))
       is distinct from
       (v_parent_id, coalesce(payload ->> 'stance', ''), payload ->> 'body', payload ->> 'pseudonym',
        payload ->> 'profile', payload ->> 'postal_code', payload ->> 'commune_code',
        coalesce(payload ->> 'email', ''),
        coalesce(payload ->> 'email', '') <> '' and coalesce((payload ->> 'contact_consent')::boolean, false))
       -- An answer names its theme and question; a reply takes its parent's.
       or (v_parent_id is null and (v_existing.theme_id, v_existing.question_id) is distinct from (v_theme_id, v_question_id))
    then
      return jsonb_build_object('outcome', 'changed_replay');
    end if;
    return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true);
  end if;

  -- A reply goes under a published contribution, in its theme and question.
  if v_parent_id is not null then
    select theme_id, question_id into v_theme_id, v_question_id
    from public.contributions
    where id = v_parent_id and status = 'published';
    if not found then
      return jsonb_build_object('outcome', 'parent_not_found');
    end if;
  end if;

  begin
    v_retry_after := public.hit_rate_limit(payload ->> 'author_hash', 'submission');
    if v_retry_after > 0 then
      return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
    end if;

    insert into public.contributions (
      theme_id, question_id, parent_id, stance, body, pseudonym, profile, postal_code,
      commune_code, commune_name, departement_code, departement_name, region_code, region_name,
      territory_type, author_hash, idempotency_key
    ) values (
      v_theme_id, v_question_id, v_parent_id, nullif(payload ->> 'stance', ''), payload ->> 'body',
      payload ->> 'pseudonym', payload ->> 'profile', payload ->> 'postal_code',
      payload ->> 'commune_code', payload ->> 'commune_name', payload ->> 'departement_code',
      payload ->> 'departement_name', payload ->> 'region_code', payload ->> 'region_name',
      payload ->> 'territory_type', payload ->> 'author_hash', v_key
    )
    returning id into v_id;
  exception when unique_violation then
    -- The key is locked and unused: the same text from the same network. The block's
    -- rate-limit hit is rolled back with it.
    return jsonb_build_object('outcome', 'duplicate');
  end;

  if nullif(payload ->> 'email', '') is not null then
    insert into public.private_contacts (contribution_id, email, contact_consent)
    values (v_id, payload ->> 'email', coalesce((payload ->> 'contact_consent')::boolean, false));
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor)
  values ('contribution', v_id, 'submitted', 'citizen');

  return jsonb_build_object('outcome', 'created', 'id', v_id, 'status', 'pending', 'replayed', false);
end;
$$;

comment on function public.submit_contribution(jsonb) is
  'Records an answer or a reply as pending; idempotent by key (any changed field under a used key is refused), rate limited, refuses duplicates.';

create or replace function public.submit_initiative(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_key uuid := (payload ->> 'idempotency_key')::uuid;
  v_existing public.initiatives%rowtype;
  v_contact public.private_contacts%rowtype;
  v_id uuid;
  v_retry_after integer;
begin
  perform pg_advisory_xact_lock(hashtextextended('idempotency:' || v_key::text, 0));

  select * into v_existing from public.initiatives where idempotency_key = v_key;
  if found then
    select * into v_contact from public.private_contacts where initiative_id = v_existing.id;
    if (v_existing.name, v_existing.kind, v_existing.description, coalesce(v_existing.url, ''),
        coalesce(v_existing.opening_year::text, ''), v_existing.pseudonym, v_existing.profile,
        v_existing.postal_code, v_existing.commune_code,
        coalesce(v_contact.email, ''), coalesce(v_contact.contact_consent, false))
       is distinct from
       (payload ->> 'name', payload ->> 'kind', payload ->> 'description', coalesce(payload ->> 'url', ''),
        coalesce(payload ->> 'opening_year', ''), payload ->> 'pseudonym', payload ->> 'profile',
        payload ->> 'postal_code', payload ->> 'commune_code',
        coalesce(payload ->> 'email', ''),
        coalesce(payload ->> 'email', '') <> '' and coalesce((payload ->> 'contact_consent')::boolean, false))
    then
      return jsonb_build_object('outcome', 'changed_replay');
    end if;
    return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true);
  end if;

  begin
    v_retry_after := public.hit_rate_limit(payload ->> 'author_hash', 'submission');
    if v_retry_after > 0 then
      return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
    end if;

    insert into public.initiatives (
      name, kind, description, url, opening_year, pseudonym, profile, postal_code,
      commune_code, commune_name, departement_code, departement_name, region_code, region_name,
      territory_type, author_hash, idempotency_key
    ) values (
      payload ->> 'name', payload ->> 'kind', payload ->> 'description', nullif(payload ->> 'url', ''),
      (payload ->> 'opening_year')::integer, payload ->> 'pseudonym', payload ->> 'profile',
      payload ->> 'postal_code', payload ->> 'commune_code', payload ->> 'commune_name',
      payload ->> 'departement_code', payload ->> 'departement_name', payload ->> 'region_code',
      payload ->> 'region_name', payload ->> 'territory_type', payload ->> 'author_hash', v_key
    )
    returning id into v_id;
  exception when unique_violation then
    return jsonb_build_object('outcome', 'duplicate');
  end;

  if nullif(payload ->> 'email', '') is not null then
    insert into public.private_contacts (initiative_id, email, contact_consent)
    values (v_id, payload ->> 'email', coalesce((payload ->> 'contact_consent')::boolean, false));
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor)
  values ('initiative', v_id, 'submitted', 'citizen');

  return jsonb_build_object('outcome', 'created', 'id', v_id, 'status', 'pending', 'replayed', false);
end;
$$;

comment on function public.submit_initiative(jsonb) is
  'Records an initiative as pending; idempotent by key (any changed field under a used key is refused), rate limited, refuses duplicates.';

revoke execute on function public.submit_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.submit_initiative(jsonb) from public, anon, authenticated;
grant execute on function public.submit_contribution(jsonb) to service_role;
grant execute on function public.submit_initiative(jsonb) to service_role;
