-- E-mail to contributors, only when they asked for it (an address given with
-- consent to be contacted about their contribution) and only of a few kinds:
-- published, rejected (with the reason), and later an official response or
-- the theme's synthesis. Messages are rows of an outbox written by the same
-- transaction as the decision (a trigger on the moderation log), so none is
-- lost; a sender claims them with a lease, sends over SMTP, then marks them
-- sent, so none is sent twice by two senders, and one that died mid-send is
-- retried once its lease runs out. One row per contact, kind and subject:
-- publishing again after a return to review sends nothing more.

alter table public.private_contacts add column notifications_stopped_at timestamptz;
comment on column public.private_contacts.notifications_stopped_at is
  'When the person unsubscribed (one click in a message); nothing is sent to them after.';
create policy "service role updates private contacts" on public.private_contacts
  for update to service_role using (true) with check (true);
grant update (notifications_stopped_at) on public.private_contacts to service_role;

create table public.email_outbox (
  id uuid primary key default gen_random_uuid(),
  contact_id uuid not null references public.private_contacts (id) on delete cascade,
  kind text not null check (kind in ('published', 'rejected', 'response', 'synthesis')),
  -- What the message is about: a contribution's or an initiative's id, a response's id, a theme's id.
  subject_ref text not null check (char_length(subject_ref) between 1 and 100),
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  lease_until timestamptz,
  sent_at timestamptz,
  sent_via text check (sent_via in ('smtp', 'log')),
  last_error text check (char_length(last_error) <= 500),
  cancelled_at timestamptz,
  constraint email_outbox_once unique (contact_id, kind, subject_ref)
);

comment on table public.email_outbox is
  'Messages to contributors waiting to be sent, and sent ones (no address here: it is read from private_contacts at sending, so an erasure removes both).';

create index email_outbox_due_idx on public.email_outbox (next_attempt_at, created_at)
  where sent_at is null and cancelled_at is null;

alter table public.email_outbox enable row level security;

create policy "service role reads the outbox" on public.email_outbox
  for select to service_role using (true);
create policy "service role queues messages" on public.email_outbox
  for insert to service_role with check (true);
create policy "service role updates the outbox" on public.email_outbox
  for update to service_role using (true) with check (true);

revoke all on public.email_outbox from anon, authenticated;
grant select, insert on public.email_outbox to service_role;
grant update (attempts, next_attempt_at, lease_until, sent_at, sent_via, last_error, cancelled_at)
  on public.email_outbox to service_role;

-- Queues the message a logged decision calls for, in the decision's
-- transaction. Invoker's rights: only service_role appends log lines, and it
-- reads private_contacts and writes the outbox.
create function public.queue_decision_email() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  insert into public.email_outbox (contact_id, kind, subject_ref, details)
  select c.id, new.action, new.subject_id::text,
    jsonb_build_object('subject_type', new.subject_type, 'reason', new.reason)
  from public.private_contacts c
  where c.contact_consent
    and c.notifications_stopped_at is null
    and (
      (new.subject_type = 'contribution' and c.contribution_id = new.subject_id)
      or (new.subject_type = 'initiative' and c.initiative_id = new.subject_id)
    )
  on conflict on constraint email_outbox_once do nothing;
  return null;
end;
$$;

revoke execute on function public.queue_decision_email() from public, anon, authenticated;

create trigger moderation_events_queue_email
  after insert on public.moderation_events
  for each row
  when (new.action in ('published', 'rejected') and new.subject_type in ('contribution', 'initiative'))
  execute function public.queue_decision_email();

-- claim_email_outbox (payload jsonb) is defined in 20261207091000_tracking_thread_answer.sql.

-- payload: { id, via: 'smtp' | 'log' } → { outcome: 'sent' | 'already_sent' | 'not_found' }
create function public.complete_email_outbox(payload jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  with done as (
    update public.email_outbox
    set sent_at = clock_timestamp(), sent_via = payload ->> 'via', lease_until = null, last_error = null
    where id = (payload ->> 'id')::uuid and sent_at is null
    returning id
  )
  select jsonb_build_object('outcome', case
    when exists (select 1 from done) then 'sent'
    when exists (select 1 from public.email_outbox where id = (payload ->> 'id')::uuid) then 'already_sent'
    else 'not_found' end)
$$;

comment on function public.complete_email_outbox(jsonb) is 'Marks a message sent, once the SMTP server accepted it.';
revoke execute on function public.complete_email_outbox(jsonb) from public, anon, authenticated;
grant execute on function public.complete_email_outbox(jsonb) to service_role;

-- payload: { id, error, permanent?: boolean, max_attempts?: 1..50 (8) } → { outcome: 'retry' | 'given_up' }
-- A failed send is retried later, 2^attempts minutes on (six hours at most);
-- a permanent refusal (a 5xx from the SMTP server, an unsubscribed contact) or
-- the last attempt gives up, keeping the error for the mission team.
create function public.fail_email_outbox(payload jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  with failed as (
    update public.email_outbox o
    set lease_until = null,
      last_error = left(payload ->> 'error', 500),
      next_attempt_at = clock_timestamp() + least(make_interval(mins => power(2, o.attempts)::int), interval '6 hours'),
      cancelled_at = case
        when coalesce((payload ->> 'permanent')::boolean, false)
          or o.attempts >= greatest(1, least(coalesce((payload ->> 'max_attempts')::int, 8), 50))
        then clock_timestamp() end
    where o.id = (payload ->> 'id')::uuid and o.sent_at is null
    returning o.cancelled_at
  )
  select jsonb_build_object('outcome', case
    when exists (select 1 from failed where cancelled_at is not null) then 'given_up' else 'retry' end)
$$;

comment on function public.fail_email_outbox(jsonb) is 'Records a failed send: retried later, or given up.';
revoke execute on function public.fail_email_outbox(jsonb) from public, anon, authenticated;
grant execute on function public.fail_email_outbox(jsonb) to service_role;

-- payload: { contact_id } → { outcome: 'stopped' | 'not_found' }
-- One click in a message: nothing more is sent to this address for this
-- contribution; messages not yet sent are cancelled. Clicking twice is fine.
create function public.stop_notifications(payload jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  target uuid := (payload ->> 'contact_id')::uuid;
begin
  update public.private_contacts
  set notifications_stopped_at = coalesce(notifications_stopped_at, clock_timestamp())
  where id = target;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  update public.email_outbox
  set cancelled_at = clock_timestamp(), lease_until = null, last_error = 'unsubscribed'
  where contact_id = target and sent_at is null and cancelled_at is null;
  return jsonb_build_object('outcome', 'stopped');
end;
$$;

comment on function public.stop_notifications(jsonb) is 'Unsubscribes one contact: no more e-mail, pending ones cancelled.';
revoke execute on function public.stop_notifications(jsonb) from public, anon, authenticated;
grant execute on function public.stop_notifications(jsonb) to service_role;
