-- A reply to a reply is tracked to the right page: the tracking view names
-- the answer its thread starts from, through the same function as the
-- e-mail's subject, since only answers have a page and a reply reads at
-- its anchor there.

-- The answer a contribution's thread starts from (the contribution itself
-- for an answer): only answers have a page, and a reply, however deep,
-- reads at its anchor there. Null for an unknown id.
create or replace function public.thread_answer_id(p_id uuid)
returns uuid
language sql
stable
security invoker
set search_path = ''
as $$
  with recursive chain as (
    select k.id, k.parent_id, 0 as depth from public.contributions k where k.id = p_id
    union all
    select k.id, k.parent_id, chain.depth + 1
    from public.contributions k join chain on k.id = chain.parent_id
    where chain.depth < 50
  )
  select chain.id from chain where chain.parent_id is null limit 1
$$;

revoke execute on function public.thread_answer_id(uuid) from public, anon, authenticated;
grant execute on function public.thread_answer_id(uuid) to service_role;
comment on function public.thread_answer_id(uuid) is
  'The answer a contribution''s thread starts from (itself for an answer), for permalinks of replies at any depth.';

-- What a link shows of what it tracks: its state, its text (the author's own,
-- shown to the link's holder), where it was sent, the reason of a rejection
-- (the row's, else the last one logged), and whether a contact is kept. Never
-- the contact itself, the author hash, the key or the digest.
create or replace function public.tracking_view(p_subject_type text, p_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_contribution public.contributions%rowtype;
  v_initiative public.initiatives%rowtype;
  v_reason text;
begin
  select reason into v_reason
  from public.moderation_events
  where subject_type = p_subject_type and subject_id = p_id and action = 'rejected'
  order by created_at desc, id desc
  limit 1;

  if p_subject_type = 'contribution' then
    select * into v_contribution from public.contributions where id = p_id;
    if not found then
      return null;
    end if;
    return jsonb_build_object(
      'subject_type', 'contribution',
      'id', v_contribution.id,
      'status', v_contribution.status,
      'editable', v_contribution.status = 'pending' and v_contribution.published_at is null,
      'theme_id', v_contribution.theme_id,
      'question_id', v_contribution.question_id,
      'parent_id', v_contribution.parent_id,
      -- The answer that starts the thread: a reply's permalink is its anchor in that page, however deep it is.
      'answer_id', public.thread_answer_id(p_id),
      'stance', v_contribution.stance,
      'body', v_contribution.body,
      'reason', case when v_contribution.status = 'rejected'
                     then coalesce(nullif(btrim(v_contribution.moderation_reason), ''), v_reason) end,
      'created_at', v_contribution.created_at,
      'moderated_at', v_contribution.moderated_at,
      'has_contact', exists (select 1 from public.private_contacts where contribution_id = p_id)
    );
  end if;

  select * into v_initiative from public.initiatives where id = p_id;
  if not found then
    return null;
  end if;
  return jsonb_build_object(
    'subject_type', 'initiative',
    'id', v_initiative.id,
    'status', v_initiative.status,
    'editable', v_initiative.status = 'pending' and v_initiative.published_at is null,
    'name', v_initiative.name,
    'kind', v_initiative.kind,
    'description', v_initiative.description,
    'url', v_initiative.url,
    'opening_year', v_initiative.opening_year,
    'reason', case when v_initiative.status = 'rejected'
                   then coalesce(nullif(btrim(v_initiative.moderation_reason), ''), v_reason) end,
    'created_at', v_initiative.created_at,
    'moderated_at', v_initiative.moderated_at,
    'has_contact', exists (select 1 from public.private_contacts where initiative_id = p_id)
  );
end;
$$;

revoke execute on function public.tracking_view(text, uuid) from public, anon, authenticated;
grant execute on function public.tracking_view(text, uuid) to service_role;

comment on function public.tracking_view(text, uuid) is
  'What a tracking link shows of a contribution or an initiative: state, text, the answer its thread starts from, rejection reason, whether a contact is kept; never the contact or a hash.';

-- payload: { limit?: 1..100 (20), lease_seconds?: 1..3600 (120) }
-- → { messages: [{ id, kind, subject_ref, details, attempts, email, contact_id, subject }] }
-- Claims due messages for one sender: a lease, so that another sender skips
-- them (skip locked) and a sender that dies leaves them due again when the
-- lease ends. `subject` is what the message needs to name its subject: a
-- contribution's theme, date and permalink's answer, or an initiative's name.
create or replace function public.claim_email_outbox(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  with picked as (
    select o.id
    from public.email_outbox o
    where o.sent_at is null
      and o.cancelled_at is null
      and o.next_attempt_at <= now()
      and (o.lease_until is null or o.lease_until < clock_timestamp())
    order by o.next_attempt_at, o.created_at, o.id
    limit greatest(1, least(coalesce((payload ->> 'limit')::int, 20), 100))
    for update skip locked
  ),
  claimed as (
    update public.email_outbox o
    set lease_until = clock_timestamp()
        + make_interval(secs => greatest(1, least(coalesce((payload ->> 'lease_seconds')::int, 120), 3600))),
      attempts = o.attempts + 1
    from picked
    where o.id = picked.id
    returning o.*
  )
  select jsonb_build_object('messages', coalesce(jsonb_agg(jsonb_build_object(
    'id', m.id,
    'kind', m.kind,
    'subject_ref', m.subject_ref,
    'details', m.details,
    'attempts', m.attempts,
    'email', p.email,
    'contact_id', p.id,
    'stopped', p.notifications_stopped_at is not null,
    'subject', case
      when p.contribution_id is not null then (
        select jsonb_build_object(
          'type', 'contribution',
          'theme_id', k.theme_id,
          'created_at', k.created_at,
          'is_reply', k.parent_id is not null,
          'answer_id', public.thread_answer_id(k.id)
        )
        from public.contributions k where k.id = p.contribution_id
      )
      else (
        select jsonb_build_object('type', 'initiative', 'name', i.name, 'created_at', i.created_at)
        from public.initiatives i where i.id = p.initiative_id
      )
    end
  ) order by m.next_attempt_at, m.created_at, m.id), '[]'::jsonb))
  from claimed m
  join public.private_contacts p on p.id = m.contact_id
$$;

comment on function public.claim_email_outbox(jsonb) is 'Claims due e-mail for one sender, with a lease.';
revoke execute on function public.claim_email_outbox(jsonb) from public, anon, authenticated;
grant execute on function public.claim_email_outbox(jsonb) to service_role;
