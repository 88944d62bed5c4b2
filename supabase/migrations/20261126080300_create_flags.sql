-- Flags: abuse reports on published contributions, one per person and
-- contribution. Only moderators read them.

create table public.flags (
  id uuid primary key default gen_random_uuid(),
  contribution_id uuid not null references public.contributions (id) on delete cascade,
  voter_hash text not null check (char_length(voter_hash) between 16 and 128),
  reason text not null check (reason in ('insulting', 'personal-data', 'advertising', 'off-topic', 'other')),
  details text check (char_length(details) <= 500),
  created_at timestamptz not null default now(),
  unique (contribution_id, voter_hash)
);

comment on table public.flags is 'Abuse reports; never public.';

alter table public.flags enable row level security;

create policy "service role reads flags" on public.flags
  for select to service_role using (true);
create policy "service role inserts flags" on public.flags
  for insert to service_role with check (true);

revoke all on public.flags from anon, authenticated;
grant select, insert on public.flags to service_role;
