-- Write functions for citizens' submissions. Each call is one transaction:
-- idempotency (the same key returns the first answer and writes nothing),
-- the per-IP rate limit, refusal of the same text sent twice by the same
-- person, then the row, its private contact and its log line. They return a
-- jsonb outcome the functions map to HTTP statuses; the caller (service
-- role) has validated the shapes already, the constraints check them again.

create function public.submit_contribution(payload jsonb)
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
  v_id uuid;
  v_retry_after integer;
begin
  select * into v_existing from public.contributions where idempotency_key = v_key;
  if found then
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

  v_retry_after := public.hit_rate_limit(
    payload ->> 'author_hash', 'submission',
    (payload ->> 'rate_limit_max')::integer, (payload ->> 'rate_limit_window_seconds')::integer
  );
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
  on conflict do nothing
  returning id into v_id;

  if v_id is null then
    -- Either a retry with the same key committed first, or this person
    -- already sent this very text.
    select * into v_existing from public.contributions where idempotency_key = v_key;
    if found then
      return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true);
    end if;
    return jsonb_build_object('outcome', 'duplicate');
  end if;

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
  'Records an answer or a reply as pending; idempotent by key, rate limited, refuses duplicates.';

create function public.submit_initiative(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_key uuid := (payload ->> 'idempotency_key')::uuid;
  v_existing public.initiatives%rowtype;
  v_id uuid;
  v_retry_after integer;
begin
  select * into v_existing from public.initiatives where idempotency_key = v_key;
  if found then
    return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true);
  end if;

  v_retry_after := public.hit_rate_limit(
    payload ->> 'author_hash', 'submission',
    (payload ->> 'rate_limit_max')::integer, (payload ->> 'rate_limit_window_seconds')::integer
  );
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
  on conflict do nothing
  returning id into v_id;

  if v_id is null then
    select * into v_existing from public.initiatives where idempotency_key = v_key;
    if found then
      return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true);
    end if;
    return jsonb_build_object('outcome', 'duplicate');
  end if;

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
  'Records an initiative as pending; idempotent by key, rate limited, refuses duplicates.';

revoke execute on function public.submit_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.submit_initiative(jsonb) from public, anon, authenticated;
grant execute on function public.submit_contribution(jsonb) to service_role;
grant execute on function public.submit_initiative(jsonb) to service_role;
