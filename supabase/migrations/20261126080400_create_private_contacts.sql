-- Private contacts: emails given with explicit consent to be contacted,
-- kept apart from the contributions and never readable by the public.

create table public.private_contacts (
  id uuid primary key default gen_random_uuid(),
  contribution_id uuid references public.contributions (id) on delete cascade,
  initiative_id uuid references public.initiatives (id) on delete cascade,
  email text not null check (char_length(email) between 3 and 254 and position('@' in email) > 1),
  contact_consent boolean not null check (contact_consent),
  created_at timestamptz not null default now(),
  constraint private_contacts_one_subject check (num_nonnulls(contribution_id, initiative_id) = 1)
);

comment on table public.private_contacts is 'Emails with consent; personal data, service role only.';

create index private_contacts_contribution_idx on public.private_contacts (contribution_id);
create index private_contacts_initiative_idx on public.private_contacts (initiative_id);

alter table public.private_contacts enable row level security;

create policy "service role reads private contacts" on public.private_contacts
  for select to service_role using (true);
create policy "service role inserts private contacts" on public.private_contacts
  for insert to service_role with check (true);
create policy "service role deletes private contacts" on public.private_contacts
  for delete to service_role using (true);

revoke all on public.private_contacts from anon, authenticated;
grant select, insert, delete on public.private_contacts to service_role;
