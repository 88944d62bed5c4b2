-- Reactions: one support or disagreement per contribution and person (a
-- salted hash of a random token the browser keeps).

create table public.reactions (
  contribution_id uuid not null references public.contributions (id) on delete cascade,
  voter_hash text not null check (char_length(voter_hash) between 16 and 128),
  kind text not null check (kind in ('support', 'disagree')),
  created_at timestamptz not null default now(),
  primary key (contribution_id, voter_hash)
);

comment on table public.reactions is 'One reaction per contribution and voter; the public sees counts, never voters.';

alter table public.reactions enable row level security;

create policy "anon reads reactions to published contributions" on public.reactions
  for select to anon using (
    exists (select 1 from public.contributions c where c.id = contribution_id and c.status = 'published')
  );
create policy "authenticated reads reactions to published contributions" on public.reactions
  for select to authenticated using (
    exists (select 1 from public.contributions c where c.id = contribution_id and c.status = 'published')
  );
create policy "service role reads reactions" on public.reactions
  for select to service_role using (true);
create policy "service role inserts reactions" on public.reactions
  for insert to service_role with check (true);

revoke all on public.reactions from anon, authenticated;
grant select (contribution_id, kind, created_at) on public.reactions to anon, authenticated;
grant select, insert on public.reactions to service_role;
