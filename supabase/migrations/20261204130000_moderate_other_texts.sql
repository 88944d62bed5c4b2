-- Moderation of the « Autre, précisez » texts of the closed questions
-- (20261204110000_create_choice_answers.sql). The choice itself is counted
-- at once; its free text waits (other_status = 'pending') until a moderator
-- publishes it, or rejects it with a reason, as moderate() does for a
-- contribution. Only a published text leaves the database
-- (published_other_texts), for the theme page under the question's chart.
--
-- Dated at the payload's `at` on a demonstration clock, now() otherwise
-- (20261203090000_one_clock.sql); each decision is logged in
-- moderation_events under the new subject type 'choice_answer'.

alter table public.choice_answers
  add column other_moderated_at timestamptz,
  add column other_reason text check (char_length(other_reason) between 1 and 500);

comment on column public.choice_answers.other_moderated_at is 'When a moderator last published or rejected the « autre » text.';
comment on column public.choice_answers.other_reason is 'Why the « autre » text was rejected (null unless rejected).';

create index choice_answers_other_published_idx
  on public.choice_answers (theme_id, question_id, other_moderated_at) where other_status = 'published';

-- Only the moderation columns change after insert.
create policy "service role moderates choice answers" on public.choice_answers
  for update to service_role using (true) with check (true);
grant update (other_status, other_moderated_at, other_reason) on public.choice_answers to service_role;

alter table public.moderation_events drop constraint moderation_events_subject_type_check;
alter table public.moderation_events add constraint moderation_events_subject_type_check
  check (subject_type in ('contribution', 'initiative', 'choice_answer'));

-- payload: { status: 'pending' | 'published' | 'rejected', limit?: 1..200 }
-- The « autre » texts in one state, oldest first, with what a moderator needs
-- to judge them: the question, the pseudonym, the date. No commune, no hash.
create function public.other_texts_queue(payload jsonb default '{}'::jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_status text := coalesce(payload ->> 'status', 'pending');
  v_limit integer := least(greatest(coalesce((payload ->> 'limit')::integer, 50), 1), 200);
begin
  if v_status not in ('pending', 'published', 'rejected') then
    return jsonb_build_object('outcome', 'invalid');
  end if;
  return jsonb_build_object(
    'outcome', 'listed',
    'items', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', a.id,
        'theme_id', a.theme_id,
        'question_id', a.question_id,
        'other_text', a.other_text,
        'pseudonym', a.pseudonym,
        'status', a.other_status,
        'reason', a.other_reason,
        'created_at', a.created_at,
        'moderated_at', a.other_moderated_at
      ) order by a.created_at, a.id)
      from (
        select * from public.choice_answers
        where other_status = v_status
        order by created_at, id
        limit v_limit
      ) a), '[]'::jsonb),
    'counts', jsonb_build_object(
      'pending', (select count(*) from public.choice_answers where other_status = 'pending'),
      'published', (select count(*) from public.choice_answers where other_status = 'published'),
      'rejected', (select count(*) from public.choice_answers where other_status = 'rejected')
    )
  );
end;
$$;

comment on function public.other_texts_queue(jsonb) is
  'The « autre » texts of the closed questions in one moderation state (pending by default), oldest first, with the counts per state; a pure read.';

-- payload: { id, decision: 'publish' | 'reject', reason?, actor, at? }
create function public.moderate_other_text(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_id uuid := (payload ->> 'id')::uuid;
  v_decision text := payload ->> 'decision';
  v_reason text := nullif(btrim(payload ->> 'reason'), '');
  v_actor text := payload ->> 'actor';
  v_target text;
  v_before text;
begin
  if v_decision is null or v_decision not in ('publish', 'reject') or v_actor is null then
    return jsonb_build_object('outcome', 'invalid');
  end if;
  if v_decision = 'reject' and v_reason is null then
    return jsonb_build_object('outcome', 'reason_required');
  end if;
  v_target := case v_decision when 'publish' then 'published' else 'rejected' end;

  select other_status into v_before from public.choice_answers
  where id = v_id and other_status is not null
  for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_before = v_target then
    return jsonb_build_object('outcome', 'decided', 'id', v_id, 'changed', false);
  end if;

  update public.choice_answers
  set other_status = v_target,
      other_reason = case when v_target = 'rejected' then v_reason end,
      other_moderated_at = v_at
  where id = v_id;

  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  values ('choice_answer', v_id, v_target, v_actor, v_reason, v_at);

  -- Publishing shows the text; rejecting a published one removes it: the pages rebuild.
  if v_target = 'published' or v_before = 'published' then
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object('outcome', 'decided', 'id', v_id, 'changed', true);
end;
$$;

comment on function public.moderate_other_text(jsonb) is
  'Publishes or rejects (with a reason) the « autre » text of one closed-question answer, dated at payload.at or now(); logged; marks public data changed when a published text appears or goes.';

-- The published « autre » texts, for the theme pages: the text and the
-- pseudonym, never a pending or rejected one.
create function public.published_other_texts(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('texts', coalesce(jsonb_agg(jsonb_build_object(
    'id', a.id,
    'theme_id', a.theme_id,
    'question_id', a.question_id,
    'other_text', a.other_text,
    'pseudonym', a.pseudonym,
    'published_at', a.other_moderated_at
  ) order by a.other_moderated_at, a.id), '[]'::jsonb))
  from public.choice_answers a
  where a.other_status = 'published'
$$;

comment on function public.published_other_texts(jsonb) is
  'The published « autre » texts of the closed questions, with their pseudonym, in publication order.';

revoke execute on function public.other_texts_queue(jsonb) from public, anon, authenticated;
revoke execute on function public.moderate_other_text(jsonb) from public, anon, authenticated;
revoke execute on function public.published_other_texts(jsonb) from public, anon, authenticated;
grant execute on function public.other_texts_queue(jsonb) to service_role;
grant execute on function public.moderate_other_text(jsonb) to service_role;
grant execute on function public.published_other_texts(jsonb) to service_role;
