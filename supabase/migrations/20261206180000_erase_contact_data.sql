-- Erasure on request: a person writes to the mission and asks that their
-- e-mail address be forgotten. A moderator finds what the address is linked
-- to (preview), then erases it: every private_contacts row with that
-- address goes, and with it (on delete cascade) every message of the outbox
-- for it. Contributions, initiatives and counts stay: they hold no address.
-- The log keeps one line per erased contact, naming the moderator and the
-- contribution or initiative it was attached to, never the address.

-- payload: { email } → { contacts: [{ id, subject_type, subject_id, status, pseudonym, created_at }] }
create function public.find_contact_data(payload jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('contacts', coalesce(jsonb_agg(jsonb_build_object(
    'id', c.id,
    'subject_type', case when c.contribution_id is not null then 'contribution' else 'initiative' end,
    'subject_id', coalesce(c.contribution_id, c.initiative_id),
    'status', coalesce(k.status, i.status),
    'pseudonym', coalesce(k.pseudonym, i.pseudonym),
    'created_at', c.created_at
  ) order by c.created_at, c.id), '[]'::jsonb))
  from public.private_contacts c
  left join public.contributions k on k.id = c.contribution_id
  left join public.initiatives i on i.id = c.initiative_id
  where lower(c.email) = lower(btrim(payload ->> 'email'))
$$;

comment on function public.find_contact_data(jsonb) is 'What an e-mail address is linked to, before erasing it.';
revoke execute on function public.find_contact_data(jsonb) from public, anon, authenticated;
grant execute on function public.find_contact_data(jsonb) to service_role;

-- payload: { email, actor } → { erased: n }
create function public.erase_contact_data(payload jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  with erased as (
    delete from public.private_contacts c
    where lower(c.email) = lower(btrim(payload ->> 'email'))
    returning c.id, c.contribution_id, c.initiative_id
  ),
  logged as (
    insert into public.moderation_events (subject_type, subject_id, action, actor, reason)
    select 'contact', e.id, 'erased', payload ->> 'actor',
      case when e.contribution_id is not null then 'contribution ' || e.contribution_id
        else 'initiative ' || e.initiative_id end
    from erased e
    returning 1
  )
  select jsonb_build_object('erased', (select count(*) from logged))
$$;

comment on function public.erase_contact_data(jsonb) is 'Erases an e-mail address and its pending messages; logged without the address.';
revoke execute on function public.erase_contact_data(jsonb) from public, anon, authenticated;
grant execute on function public.erase_contact_data(jsonb) to service_role;

create index private_contacts_email_idx on public.private_contacts (lower(email));
