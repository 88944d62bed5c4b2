-- One clock. The site runs on the consultation's clock (src/server/clock.ts):
-- the real one in production (CONSULTATION_CLOCK=real), or, on the
-- demonstration data, a clock fixed inside the 2018 window. Yet every date
-- the database wrote came from now(): in demonstration mode a contribution
-- sent « on 15 June 2018 » read « publiée le 1er décembre 2026 », and the
-- figures were « calculés le » that day too.
--
-- Each function that dates activity now reads its instant once, from the
-- payload's `at` when the caller gives one, else from now():
--
--   v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
--
-- The store (src/server/store/store.ts) gives `at` on a demonstration clock
-- only; in production it gives none, and the database's own now() stays the
-- one clock. `at` comes from the server's configuration, never from a
-- request: the store builds every payload field by field.
--
-- Dated this way: contributions and initiatives (created_at, moderated_at,
-- published_at, flags_reviewed_at), their private contacts, reactions,
-- flags (created_at, resolved_at), the moderation log (created_at),
-- syntheses (updated_at) and summaries (computed_at).
--
-- Still on the database's real clock, on purpose, whatever the site's clock:
--
--   * the rate limit (hit_rate_limit, rate_limit_hits.hit_at): it protects
--     the server now, from requests arriving now; a window of 10 minutes
--     slides in real time. On a clock fixed at one instant the window would
--     never slide: once full, a network would be refused for good;
--   * the rebuild bookkeeping (mark_public_changed, claim_rebuild,
--     site_state.public_changed_at and rebuild_requested_at): it orders a
--     change against the last claimed build, as the processes saw them
--     happen. On a fixed clock, a change and the claim after it would read
--     the same instant, and no build would ever be asked for again;
--   * the duration of a summary (duration_ms, clock_timestamp()).
--
-- The consultation's window (open, closed) is not checked here: the use
-- cases check it with the same clock before calling the store
-- (src/server/use-cases/submissions.ts).
--
-- The latest summary is now the last one stored (the highest id), not the
-- one with the latest computed_at: a demonstration clock set to an earlier
-- instant than a previous run's would otherwise keep serving the older
-- figures, and the retention of 10 rows would delete the new one first.
--
-- Every function keeps its signature and its grants (restated below: on a
-- fresh database this file creates them).

-- Nothing orders summaries by computed_at any more (10 rows at most, found by id).
drop index if exists public.summaries_computed_at_idx;

-- submit_contribution (the write path, in one pass) is defined in 20261205100000_one_pass_submissions.sql.


-- submit_initiative (the write path, in one pass) is defined in 20261205100000_one_pass_submissions.sql.


-- flag_contribution (the flag threshold) is defined in 20261206110000_contested_synthesis_flags.sql.

-- A reaction: one per voter token, at most reactions_per_network per network
-- and contribution. Reactions of one network to one contribution are
-- serialised by an advisory lock, so parallel ones cannot pass the cap.
create or replace function public.react_to_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_contribution_id uuid := (payload ->> 'contribution_id')::uuid;
  v_voter_hash text := payload ->> 'voter_hash';
  v_network_hash text := payload ->> 'network_hash';
  v_existing text;
  v_retry_after integer;
begin
  if not exists (select 1 from public.contributions where id = v_contribution_id and status = 'published') then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  perform pg_advisory_xact_lock(hashtextextended('reaction:' || v_contribution_id::text || ':' || v_network_hash, 0));

  select kind into v_existing from public.reactions
  where contribution_id = v_contribution_id and voter_hash = v_voter_hash;
  if found then
    return jsonb_build_object('outcome', 'already_reacted', 'kind', v_existing,
      'counts', public.reaction_counts(v_contribution_id));
  end if;

  if (select count(*) from public.reactions
      where contribution_id = v_contribution_id and network_hash = v_network_hash)
     >= public.integrity_setting('reactions_per_network') then
    return jsonb_build_object('outcome', 'network_limit',
      'limit', public.integrity_setting('reactions_per_network'),
      'counts', public.reaction_counts(v_contribution_id));
  end if;

  v_retry_after := public.hit_rate_limit(v_network_hash, 'reaction');
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;

  insert into public.reactions (contribution_id, voter_hash, network_hash, kind, created_at)
  values (v_contribution_id, v_voter_hash, v_network_hash, payload ->> 'kind', v_at);

  return jsonb_build_object('outcome', 'created', 'kind', payload ->> 'kind',
    'counts', public.reaction_counts(v_contribution_id));
end;
$$;

comment on function public.react_to_contribution(jsonb) is
  'Records one support or disagreement per voter on a published contribution, dated at payload.at or now(), at most reactions_per_network per network; returns the counts.';

-- Decisions. A decision settles the open flags of the contributions it
-- names; publishing one that had flags marks it as kept after flags. Each
-- item whose flags were closed without a change of state gets its own log
-- line (flags_resolved), as every changed one gets its decision's.
create or replace function public.moderate(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_type text := payload ->> 'subject_type';
  v_decision text := payload ->> 'decision';
  v_reason text := nullif(btrim(payload ->> 'reason'), '');
  v_actor text := payload ->> 'actor';
  v_ids uuid[] := array(select jsonb_array_elements_text(payload -> 'ids')::uuid);
  v_target text;
  v_decided uuid[];
  v_flagged uuid[];
  v_public_change boolean;
begin
  if v_type not in ('contribution', 'initiative') or v_decision not in ('publish', 'reject') then
    return jsonb_build_object('outcome', 'invalid');
  end if;
  if v_decision = 'reject' and v_reason is null then
    return jsonb_build_object('outcome', 'reason_required');
  end if;
  v_target := case v_decision when 'publish' then 'published' else 'rejected' end;

  if v_type = 'contribution' then
    with changed as (
      update public.contributions c
      set status = v_target,
          moderation_reason = case when v_target = 'rejected' then v_reason end,
          moderated_at = v_at,
          published_at = case when v_target = 'published' then coalesce(c.published_at, v_at) else c.published_at end
      from (select id, status as before from public.contributions where id = any (v_ids) for update) old
      where c.id = old.id and old.before <> v_target
      returning c.id, old.before
    )
    select array_agg(id), coalesce(bool_or(v_target = 'published' or before = 'published'), false)
    into v_decided, v_public_change
    from changed;

    with settled as (
      update public.flags set resolved_at = v_at
      where contribution_id = any (v_ids) and resolved_at is null
      returning contribution_id
    )
    select array_agg(distinct contribution_id) into v_flagged from settled;
    v_flagged := coalesce(v_flagged, '{}');

    if v_target = 'published' then
      update public.contributions set flags_reviewed_at = v_at where id = any (v_flagged);
    end if;
  else
    with changed as (
      update public.initiatives i
      set status = v_target,
          moderation_reason = case when v_target = 'rejected' then v_reason end,
          moderated_at = v_at,
          published_at = case when v_target = 'published' then coalesce(i.published_at, v_at) else i.published_at end
      from (select id, status as before from public.initiatives where id = any (v_ids) for update) old
      where i.id = old.id and old.before <> v_target
      returning i.id, old.before
    )
    select array_agg(id), coalesce(bool_or(v_target = 'published' or before = 'published'), false)
    into v_decided, v_public_change
    from changed;
    v_flagged := '{}';
  end if;

  v_decided := coalesce(v_decided, '{}');
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  select v_type, id, v_target, v_actor, v_reason, v_at from unnest(v_decided) as id;
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  select v_type, id, 'flags_resolved', v_actor,
         coalesce(v_reason, case v_target when 'published' then 'signalements écartés, contribution maintenue'
                                          else 'signalements clos' end),
         v_at
  from unnest(v_flagged) as id
  where not id = any (v_decided);

  if v_public_change then
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object(
    'outcome', 'decided',
    'decided', to_jsonb(v_decided),
    'unchanged', to_jsonb(array(select id from unnest(v_ids) as id where not id = any (v_decided)))
  );
end;
$$;

comment on function public.moderate(jsonb) is
  'Publishes or rejects (with a reason) contributions or initiatives, settling their open flags, dated at payload.at or now(); logs each decision and each closing of flags; one transaction.';

-- Retains a published contribution in its theme's synthesis (or not), logged.
create or replace function public.set_retained(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_id uuid := (payload ->> 'contribution_id')::uuid;
  v_retained boolean := (payload ->> 'retained')::boolean;
begin
  update public.contributions set retained = v_retained where id = v_id and status = 'published';
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  values ('contribution', v_id, 'retained', payload ->> 'actor', case when v_retained then 'retenue' else 'retirée' end, v_at);
  perform public.mark_public_changed();
  return jsonb_build_object('outcome', 'saved');
end;
$$;

comment on function public.set_retained(jsonb) is
  'Marks a published contribution as retained in its theme''s synthesis, or not; logged at payload.at or now().';

-- save_synthesis (payload jsonb) is defined in 20261206150000_synthesis_versions_and_journal.sql.

-- refresh_summary (dated at payload.at or now()) is defined, with its grants, in
-- 20261204110000_create_choice_answers.sql.

-- The summary stored last, whatever instant it is dated with.
create or replace function public.latest_summary(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('computed_at', s.computed_at, 'duration_ms', s.duration_ms, 'data', s.data)
  from public.summaries s
  order by s.id desc
  limit 1
$$;

comment on function public.latest_summary(jsonb) is 'The summary stored last (highest id), with its time and duration.';

-- The functions left on the database's real clock say so.
comment on function public.hit_rate_limit(text, text) is
  'Sliding-window rate limit per salted IP hash and action (submission, reaction, flag), from integrity_settings; always on the database''s real clock, never the demonstration clock.';
comment on function public.mark_public_changed() is
  'Dates a change of public data after the last claimed rebuild, so that the next claim_rebuild asks for a build; on the database''s real clock, as claim_rebuild.';
comment on function public.claim_rebuild(jsonb) is
  'True once per change of public data or of the window state; the caller that gets true requests the build. On the database''s real clock, as mark_public_changed.';

revoke execute on function public.react_to_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.moderate(jsonb) from public, anon, authenticated;
revoke execute on function public.set_retained(jsonb) from public, anon, authenticated;
revoke execute on function public.latest_summary(jsonb) from public, anon, authenticated;
grant execute on function public.react_to_contribution(jsonb) to service_role;
grant execute on function public.moderate(jsonb) to service_role;
grant execute on function public.set_retained(jsonb) to service_role;
grant execute on function public.latest_summary(jsonb) to service_role;
