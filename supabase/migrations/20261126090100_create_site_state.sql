-- Site state: when public data last changed and when a rebuild was last
-- requested, so that several publications in a row ask for one build
-- (claim_rebuild, defined in 20261201090200_rebuild_at_window_changes.sql).

create table public.site_state (
  id boolean primary key default true check (id),
  public_changed_at timestamptz,
  rebuild_requested_at timestamptz
);

comment on table public.site_state is 'One row: public-data change and rebuild request times (debounces rebuilds).';

insert into public.site_state (id) values (true);

alter table public.site_state enable row level security;

create policy "service role reads site state" on public.site_state
  for select to service_role using (true);
create policy "service role updates site state" on public.site_state
  for update to service_role using (true) with check (true);

revoke all on public.site_state from anon, authenticated;
grant select, update on public.site_state to service_role;

-- mark_public_changed is defined in 20261202090300_public_change_after_last_claim.sql.

