-- One pass. Each submission function (an answer or a reply, an initiative, a
-- closed question's answer) took an advisory lock on its idempotency key and
-- looked the key up before every insert, so that a replay found its first
-- send. A replay is rare; a first send is the rule. They now insert at once,
-- and look the key up only when the insert is refused:
--
--   * the insert hits the key's unique index: a replay. The key is read then,
--     once, and compared as before (the same fields, the same answers);
--   * the insert hits the duplicate index (the same text, or the same
--     pseudonym on the same question, from the same network): the key is
--     read too, since a replay of the same text hits both indexes, and
--     PostgreSQL names either; unused, it is a duplicate;
--   * a refusal before the insert (a reply's parent not published, the rate
--     limit reached): the key is read, since the first send was accepted
--     whatever came after it; unused, the refusal stands.
--
-- The unique index serialises two sends of one key as the advisory lock did:
-- the second insert waits for the first transaction, then hits the index and
-- reads the row the first one committed (each statement of a plpgsql function
-- takes a new snapshot). Every outcome, and the order of the checks as a
-- caller sees them, stays the same: a used key answers as it did first (or
-- changed_replay) even when the parent is gone or the network is over its
-- limit; an unused one is refused for its parent, then the rate limit, then a
-- duplicate. A refused insert rolls its block back, the rate-limit hit with
-- it, so a replay or a duplicate counts no hit, as before. What is left of a
-- refusal is the rate limit's removal of the hits already out of its window,
-- which never counted.
--
-- Same signatures, same comments, same grants (restated below). The answers'
-- and initiatives' functions moved on to 20261206160000_private_tracking_links.sql.

-- submit_contribution (...) is defined in 20261206160000_private_tracking_links.sql.

-- submit_initiative (...) is defined in 20261206160000_private_tracking_links.sql.

create or replace function public.submit_choice_answer(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_key uuid := (payload ->> 'idempotency_key')::uuid;
  v_options text[] := array(select jsonb_array_elements_text(coalesce(payload -> 'option_ids', '[]'::jsonb)));
  v_scale smallint := (payload ->> 'scale_value')::smallint;
  v_other text := nullif(payload ->> 'other_text', '');
  v_existing public.choice_answers%rowtype;
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
      insert into public.choice_answers (
        theme_id, question_id, option_ids, scale_value, other_text, other_status, pseudonym, profile,
        postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name,
        territory_type, author_hash, idempotency_key, created_at
      ) values (
        payload ->> 'theme_id', payload ->> 'question_id', v_options, v_scale, v_other,
        case when v_other is not null then 'pending' end, payload ->> 'pseudonym', payload ->> 'profile',
        payload ->> 'postal_code', payload ->> 'commune_code', payload ->> 'commune_name',
        payload ->> 'departement_code', payload ->> 'departement_name', payload ->> 'region_code',
        payload ->> 'region_name', payload ->> 'territory_type', payload ->> 'author_hash', v_key, v_at
      )
      returning id into v_id;
    end if;
  exception when unique_violation then
    -- The key is used (a replay), or this pseudonym already answered from this network: read
    -- below. The block's rate-limit hit is rolled back with it.
    v_refused := jsonb_build_object('outcome', 'duplicate');
  end;

  if v_refused is not null then
    select * into v_existing from public.choice_answers where idempotency_key = v_key;
    if not found then
      return v_refused;
    end if;
    if (v_existing.theme_id, v_existing.question_id, v_existing.option_ids, coalesce(v_existing.scale_value, 0),
        coalesce(v_existing.other_text, ''), v_existing.pseudonym, v_existing.profile, v_existing.postal_code,
        v_existing.commune_code)
       is distinct from
       (payload ->> 'theme_id', payload ->> 'question_id', v_options, coalesce(v_scale, 0),
        coalesce(v_other, ''), payload ->> 'pseudonym', payload ->> 'profile', payload ->> 'postal_code',
        payload ->> 'commune_code')
    then
      return jsonb_build_object('outcome', 'changed_replay');
    end if;
    return jsonb_build_object('outcome', 'created', 'id', v_existing.id, 'replayed', true);
  end if;

  -- Counted without moderation: the next scheduled run rebuilds the pages with it.
  perform public.mark_public_changed();

  return jsonb_build_object('outcome', 'created', 'id', v_id, 'replayed', false);
end;
$$;

revoke execute on function public.submit_choice_answer(jsonb) from public, anon, authenticated;
grant execute on function public.submit_choice_answer(jsonb) to service_role;

comment on function public.submit_choice_answer(jsonb) is
  'Records an answer to a closed question, counted at once, dated at payload.at or now(); idempotent by key (any changed field under a used key is refused), rate limited, one per pseudonym, network and question.';
