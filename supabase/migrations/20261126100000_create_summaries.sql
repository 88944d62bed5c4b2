-- Summaries: the public figures of the consultation, computed in SQL from
-- published data only (never a personal column), stored with the time they
-- were computed. Rebuilt by the scheduled function, on demand, and at build.

create table public.summaries (
  id bigint generated always as identity primary key,
  computed_at timestamptz not null default now(),
  duration_ms integer not null,
  data jsonb not null
);

comment on table public.summaries is 'Computed public summaries (aggregates of published data); the latest row is current.';

create index summaries_computed_at_idx on public.summaries (computed_at desc);

alter table public.summaries enable row level security;

create policy "anon reads summaries" on public.summaries
  for select to anon using (true);
create policy "authenticated reads summaries" on public.summaries
  for select to authenticated using (true);
create policy "service role reads summaries" on public.summaries
  for select to service_role using (true);
create policy "service role inserts summaries" on public.summaries
  for insert to service_role with check (true);
create policy "service role deletes summaries" on public.summaries
  for delete to service_role using (true);

revoke all on public.summaries from anon, authenticated;
grant select on public.summaries to anon, authenticated;
grant select, insert, delete on public.summaries to service_role;

-- payload: { stopwords: text[], opens_on: 'YYYY-MM-DD', closes_on: 'YYYY-MM-DD',
--            time_zone: 'Europe/Paris', top_contributions: int, top_words: int }
-- compute_summary (the summary itself, a pure read) is defined in
-- 20261205090000_incremental_summary.sql.

-- refresh_summary (computes the summary, stores it with its time and duration) and
-- latest_summary are defined, with their grants, in 20261203090000_one_clock.sql.
