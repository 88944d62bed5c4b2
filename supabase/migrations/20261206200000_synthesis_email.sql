-- The third kind of message: when a theme's synthesis is first published,
-- each person who contributed to that theme (a published answer or reply,
-- with an address and consent, not unsubscribed) gets one message with the
-- link to it. Once per address and theme: a later version sends nothing
-- more (the outbox's unique key), and two contributions with the same
-- address get one message.

create function public.queue_synthesis_email() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  insert into public.email_outbox (contact_id, kind, subject_ref, details)
  select distinct on (lower(c.email)) c.id, 'synthesis', new.theme_id, jsonb_build_object('theme_id', new.theme_id)
  from public.private_contacts c
  join public.contributions k on k.id = c.contribution_id
  where k.theme_id = new.theme_id
    and k.status = 'published'
    and c.contact_consent
    and c.notifications_stopped_at is null
    and not exists (
      select 1 from public.email_outbox o
      join public.private_contacts same on same.id = o.contact_id
      where o.kind = 'synthesis' and o.subject_ref = new.theme_id and lower(same.email) = lower(c.email)
    )
  order by lower(c.email), c.created_at, c.id
  on conflict on constraint email_outbox_once do nothing;
  return null;
end;
$$;

revoke execute on function public.queue_synthesis_email() from public, anon, authenticated;

create trigger synthesis_versions_queue_email
  after insert on public.synthesis_versions
  for each row
  when (new.published)
  execute function public.queue_synthesis_email();
