-- Syntheses: what the mission team writes per theme (Markdown, rendered and
-- sanitised at build), and the contributions it retains.

create table public.syntheses (
  theme_id text primary key check (theme_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  body text not null check (char_length(body) <= 20000),
  updated_by text not null,
  updated_at timestamptz not null default now()
);

comment on table public.syntheses is 'The mission team''s synthesis per theme; public.';

alter table public.syntheses enable row level security;

create policy "anon reads syntheses" on public.syntheses
  for select to anon using (true);
create policy "authenticated reads syntheses" on public.syntheses
  for select to authenticated using (true);
create policy "service role reads syntheses" on public.syntheses
  for select to service_role using (true);
create policy "service role inserts syntheses" on public.syntheses
  for insert to service_role with check (true);
create policy "service role updates syntheses" on public.syntheses
  for update to service_role using (true) with check (true);

revoke all on public.syntheses from anon, authenticated;
grant select (theme_id, body, updated_at) on public.syntheses to anon, authenticated;
grant select, insert, update on public.syntheses to service_role;

alter table public.contributions add column retained boolean not null default false;
comment on column public.contributions.retained is 'Retained by the mission team in the synthesis of its theme.';
grant select (retained) on public.contributions to anon, authenticated;
