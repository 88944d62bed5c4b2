-- A receipt and a private tracking link, without any account. After an
-- answer, a reply or an initiative, the citizen gets a link only they hold
-- (/suivi/#<secret>): it shows the state of what they sent (pending,
-- published with its permalink, rejected with the logged reason) and, while
-- it is pending and was never published, lets them correct it or withdraw
-- it. Withdrawing deletes the text and its private contact (the right to
-- erasure without an account); the log keeps one line without any text.
--
-- The secret never reaches the database: the server derives it from its
-- hash salt and the submission's idempotency key (src/server/use-cases/
-- tracking.ts), so that a replay of the same send gives back the same link,
-- and stores only its SHA-256 digest here (tracking_hash). A link is found
-- by that digest, through a unique index: no secret is compared in SQL or in
-- the code, and nothing else leads to it. The digest is a service-role
-- column: the public's column grants (20261126080000, 20261126080100) never
-- listed it, and no function returns it.
--
-- Every request with a link counts against a rate limit of its own per
-- network ('tracking'), as reactions and flags do, so that guessing links is
-- slowed as well as hopeless (256 random bits).

alter table public.contributions add column tracking_hash text check (tracking_hash ~ '^[0-9a-f]{64}$');
alter table public.initiatives add column tracking_hash text check (tracking_hash ~ '^[0-9a-f]{64}$');
comment on column public.contributions.tracking_hash is
  'SHA-256 of the author''s private tracking secret (never the secret); service role only.';
comment on column public.initiatives.tracking_hash is
  'SHA-256 of the author''s private tracking secret (never the secret); service role only.';
create unique index contributions_tracking_hash_unique on public.contributions (tracking_hash)
  where tracking_hash is not null;
create unique index initiatives_tracking_hash_unique on public.initiatives (tracking_hash)
  where tracking_hash is not null;

-- A withdrawal deletes the row (its contact goes with it, on delete cascade).
create policy "service role deletes contributions" on public.contributions
  for delete to service_role using (true);
create policy "service role deletes initiatives" on public.initiatives
  for delete to service_role using (true);
grant delete on public.contributions to service_role;
grant delete on public.initiatives to service_role;

-- The tracking rate limit: its own action and settings.
alter table public.rate_limit_hits drop constraint rate_limit_hits_action_check;
alter table public.rate_limit_hits add constraint rate_limit_hits_action_check
  check (action in ('submission', 'reaction', 'flag', 'tracking'));
insert into public.integrity_settings (name, value, description) values
  ('tracking_max', 60, 'Requests with a tracking link (read, correct, withdraw) one network may send in any window'),
  ('tracking_window_seconds', 600, 'Length of the sliding window for tracking requests, in seconds');

-- The submit functions store the link's digest with the row, and say on a
-- replay whether the digest sent is the row's (a link derived with another
-- salt, or a row sent before this migration, has none to give back).
create or replace function public.submit_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_key uuid := (payload ->> 'idempotency_key')::uuid;
  v_theme_id text := payload ->> 'theme_id';
  v_question_id text := payload ->> 'question_id';
  v_parent_id uuid := nullif(payload ->> 'parent_id', '')::uuid;
  v_tracking_hash text := nullif(payload ->> 'tracking_hash', '');
  v_existing public.contributions%rowtype;
  v_contact public.private_contacts%rowtype;
  v_id uuid;
  v_retry_after integer;
  -- The outcome of a refused send, unless its key was used already.
  v_refused jsonb;
begin
  -- A reply goes under a published contribution, in its theme and question.
  if v_parent_id is not null then
    select theme_id, question_id into v_theme_id, v_question_id
    from public.contributions
    where id = v_parent_id and status = 'published';
    if not found then
      v_refused := jsonb_build_object('outcome', 'parent_not_found');
    end if;
  end if;

  if v_refused is null then
    begin
      v_retry_after := public.hit_rate_limit(payload ->> 'author_hash', 'submission');
      if v_retry_after > 0 then
        v_refused := jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
      else
        insert into public.contributions (
          theme_id, question_id, parent_id, stance, body, pseudonym, profile, postal_code,
          commune_code, commune_name, departement_code, departement_name, region_code, region_name,
          territory_type, author_hash, idempotency_key, tracking_hash, created_at
        ) values (
          v_theme_id, v_question_id, v_parent_id, nullif(payload ->> 'stance', ''), payload ->> 'body',
          payload ->> 'pseudonym', payload ->> 'profile', payload ->> 'postal_code',
          payload ->> 'commune_code', payload ->> 'commune_name', payload ->> 'departement_code',
          payload ->> 'departement_name', payload ->> 'region_code', payload ->> 'region_name',
          payload ->> 'territory_type', payload ->> 'author_hash', v_key, v_tracking_hash, v_at
        )
        returning id into v_id;
      end if;
    exception when unique_violation then
      -- The key is used (a replay), or the same text came from the same network: read below.
      -- The block's rate-limit hit is rolled back with it.
      v_refused := jsonb_build_object('outcome', 'duplicate');
    end;
  end if;

  if v_refused is not null then
    select * into v_existing from public.contributions where idempotency_key = v_key;
    if not found then
      return v_refused;
    end if;
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
       or (v_parent_id is null
           and (v_existing.theme_id, v_existing.question_id)
               is distinct from (payload ->> 'theme_id', payload ->> 'question_id'))
    then
      return jsonb_build_object('outcome', 'changed_replay');
    end if;
    return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true,
      'tracked', v_existing.tracking_hash is not null and v_existing.tracking_hash = v_tracking_hash);
  end if;

  if nullif(payload ->> 'email', '') is not null then
    insert into public.private_contacts (contribution_id, email, contact_consent, created_at)
    values (v_id, payload ->> 'email', coalesce((payload ->> 'contact_consent')::boolean, false), v_at);
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor, created_at)
  values ('contribution', v_id, 'submitted', 'citizen', v_at);

  return jsonb_build_object('outcome', 'created', 'id', v_id, 'status', 'pending', 'replayed', false,
    'tracked', v_tracking_hash is not null);
end;
$$;

create or replace function public.submit_initiative(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_key uuid := (payload ->> 'idempotency_key')::uuid;
  v_tracking_hash text := nullif(payload ->> 'tracking_hash', '');
  v_existing public.initiatives%rowtype;
  v_contact public.private_contacts%rowtype;
  v_id uuid;
  v_retry_after integer;
  -- The outcome of a refused send, unless its key was used already.
  v_refused jsonb;
begin
  begin
    v_retry_after := public.hit_rate_limit(payload ->> 'author_hash', 'submission');
    if v_retry_after > 0 then
      v_refused := jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
    else
      insert into public.initiatives (
        name, kind, description, url, opening_year, pseudonym, profile, postal_code,
        commune_code, commune_name, departement_code, departement_name, region_code, region_name,
        territory_type, author_hash, idempotency_key, tracking_hash, created_at
      ) values (
        payload ->> 'name', payload ->> 'kind', payload ->> 'description', nullif(payload ->> 'url', ''),
        (payload ->> 'opening_year')::integer, payload ->> 'pseudonym', payload ->> 'profile',
        payload ->> 'postal_code', payload ->> 'commune_code', payload ->> 'commune_name',
        payload ->> 'departement_code', payload ->> 'departement_name', payload ->> 'region_code',
        payload ->> 'region_name', payload ->> 'territory_type', payload ->> 'author_hash', v_key, v_tracking_hash, v_at
      )
      returning id into v_id;
    end if;
  exception when unique_violation then
    -- The key is used (a replay), or the same name came from the same network: read below.
    v_refused := jsonb_build_object('outcome', 'duplicate');
  end;

  if v_refused is not null then
    select * into v_existing from public.initiatives where idempotency_key = v_key;
    if not found then
      return v_refused;
    end if;
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
    return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'status', v_existing.status, 'replayed', true,
      'tracked', v_existing.tracking_hash is not null and v_existing.tracking_hash = v_tracking_hash);
  end if;

  if nullif(payload ->> 'email', '') is not null then
    insert into public.private_contacts (initiative_id, email, contact_consent, created_at)
    values (v_id, payload ->> 'email', coalesce((payload ->> 'contact_consent')::boolean, false), v_at);
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor, created_at)
  values ('initiative', v_id, 'submitted', 'citizen', v_at);

  return jsonb_build_object('outcome', 'created', 'id', v_id, 'status', 'pending', 'replayed', false,
    'tracked', v_tracking_hash is not null);
end;
$$;

-- tracking_view (p_subject_type text, p_id uuid) is defined in 20261207091000_tracking_thread_answer.sql.

-- The subject a digest leads to, locked for the caller's transaction when it
-- will change it; null when none does.
create or replace function public.tracked_subject(p_tracking_hash text, p_lock boolean)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if p_tracking_hash is null or p_tracking_hash !~ '^[0-9a-f]{64}$' then
    return null;
  end if;
  if p_lock then
    select id into v_id from public.contributions where tracking_hash = p_tracking_hash for update;
  else
    select id into v_id from public.contributions where tracking_hash = p_tracking_hash;
  end if;
  if found then
    return jsonb_build_object('subject_type', 'contribution', 'id', v_id);
  end if;
  if p_lock then
    select id into v_id from public.initiatives where tracking_hash = p_tracking_hash for update;
  else
    select id into v_id from public.initiatives where tracking_hash = p_tracking_hash;
  end if;
  if found then
    return jsonb_build_object('subject_type', 'initiative', 'id', v_id);
  end if;
  return null;
end;
$$;

-- Reads what a link tracks. Rate limited first, so that a guess over the
-- limit learns nothing; an unknown digest and a withdrawn text answer alike.
create or replace function public.track_submission(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_retry_after integer;
  v_subject jsonb;
begin
  v_retry_after := public.hit_rate_limit(payload ->> 'ip_hash', 'tracking');
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;
  v_subject := public.tracked_subject(payload ->> 'tracking_hash', false);
  if v_subject is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  return jsonb_build_object('outcome', 'found',
    'submission', public.tracking_view(v_subject ->> 'subject_type', (v_subject ->> 'id')::uuid));
end;
$$;

-- Corrects the text of a pending submission that was never published: an
-- answer's or a reply's body (and a reply's stance), an initiative's name,
-- kind, description, site and opening year; the rest (who, where, the
-- contact) stays. The fields come checked by the same schema as the form's
-- (src/domain/tracking.ts). Logged as 'corrected', without the text. A text
-- the moderators already decided on, or published once (it may have replies
-- and reactions), is not changed: 'not_editable'.
create or replace function public.correct_tracked_submission(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_retry_after integer;
  v_subject jsonb;
  v_type text;
  v_id uuid;
  v_view jsonb;
begin
  v_retry_after := public.hit_rate_limit(payload ->> 'ip_hash', 'tracking');
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;
  v_subject := public.tracked_subject(payload ->> 'tracking_hash', true);
  if v_subject is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_type := v_subject ->> 'subject_type';
  v_id := (v_subject ->> 'id')::uuid;
  v_view := public.tracking_view(v_type, v_id);
  if not (v_view ->> 'editable')::boolean then
    return jsonb_build_object('outcome', 'not_editable', 'submission', v_view);
  end if;
  -- The caller checked the fields of the kind it read; a kind that changed meanwhile cannot be.
  if v_type <> payload ->> 'subject_type'
     or (v_type = 'contribution' and (v_view ->> 'parent_id' is null) <> (nullif(payload ->> 'stance', '') is null)) then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  begin
    if v_type = 'contribution' then
      update public.contributions
      set body = payload ->> 'body', stance = coalesce(nullif(payload ->> 'stance', ''), stance)
      where id = v_id;
    else
      update public.initiatives
      set name = payload ->> 'name', kind = payload ->> 'kind', description = payload ->> 'description',
          url = nullif(payload ->> 'url', ''), opening_year = (payload ->> 'opening_year')::integer
      where id = v_id;
    end if;
  exception when unique_violation then
    -- The same text (or the same place) sent already from the same network.
    return jsonb_build_object('outcome', 'duplicate');
  end;

  insert into public.moderation_events (subject_type, subject_id, action, actor, created_at)
  values (v_type, v_id, 'corrected', 'citizen', v_at);

  return jsonb_build_object('outcome', 'corrected', 'submission', public.tracking_view(v_type, v_id));
end;
$$;

-- Withdraws a pending submission that was never published: its row goes,
-- and its private contact with it (the right to erasure, without an
-- account). The log keeps one 'withdrawn' line with no text; the link then
-- leads nowhere, as an unknown one.
create or replace function public.withdraw_tracked_submission(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_retry_after integer;
  v_subject jsonb;
  v_type text;
  v_id uuid;
  v_view jsonb;
begin
  v_retry_after := public.hit_rate_limit(payload ->> 'ip_hash', 'tracking');
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;
  v_subject := public.tracked_subject(payload ->> 'tracking_hash', true);
  if v_subject is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_type := v_subject ->> 'subject_type';
  v_id := (v_subject ->> 'id')::uuid;
  v_view := public.tracking_view(v_type, v_id);
  if not (v_view ->> 'editable')::boolean then
    return jsonb_build_object('outcome', 'not_editable', 'submission', v_view);
  end if;

  if v_type = 'contribution' then
    delete from public.private_contacts where contribution_id = v_id;
    delete from public.contributions where id = v_id;
  else
    delete from public.private_contacts where initiative_id = v_id;
    delete from public.initiatives where id = v_id;
  end if;

  insert into public.moderation_events (subject_type, subject_id, action, actor, created_at)
  values (v_type, v_id, 'withdrawn', 'citizen', v_at);

  return jsonb_build_object('outcome', 'withdrawn', 'subject_type', v_type,
    'contact_erased', (v_view ->> 'has_contact')::boolean);
end;
$$;

revoke execute on function public.submit_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.submit_initiative(jsonb) from public, anon, authenticated;
revoke execute on function public.tracked_subject(text, boolean) from public, anon, authenticated;
revoke execute on function public.track_submission(jsonb) from public, anon, authenticated;
revoke execute on function public.correct_tracked_submission(jsonb) from public, anon, authenticated;
revoke execute on function public.withdraw_tracked_submission(jsonb) from public, anon, authenticated;
grant execute on function public.submit_contribution(jsonb) to service_role;
grant execute on function public.submit_initiative(jsonb) to service_role;
grant execute on function public.tracked_subject(text, boolean) to service_role;
grant execute on function public.track_submission(jsonb) to service_role;
grant execute on function public.correct_tracked_submission(jsonb) to service_role;
grant execute on function public.withdraw_tracked_submission(jsonb) to service_role;

comment on function public.submit_contribution(jsonb) is
  'Records an answer or a reply as pending, dated at payload.at or now(), with the digest of its tracking secret; idempotent by key (any changed field under a used key is refused; tracked says whether the digest sent is the row''s), rate limited, refuses duplicates.';
comment on function public.submit_initiative(jsonb) is
  'Records an initiative as pending, dated at payload.at or now(), with the digest of its tracking secret; idempotent by key (any changed field under a used key is refused; tracked says whether the digest sent is the row''s), rate limited, refuses duplicates.';
comment on function public.tracked_subject(text, boolean) is
  'The contribution or initiative whose tracking digest this is (locked when asked), or null.';
comment on function public.track_submission(jsonb) is
  'Reads what a tracking link leads to, by the digest of its secret; rate limited per network (tracking).';
comment on function public.correct_tracked_submission(jsonb) is
  'Corrects the text of a pending, never published submission by its tracking digest; logged as corrected (no text); rate limited per network.';
comment on function public.withdraw_tracked_submission(jsonb) is
  'Withdraws a pending, never published submission by its tracking digest: deletes its row and its private contact; logged as withdrawn (no text); rate limited per network.';
