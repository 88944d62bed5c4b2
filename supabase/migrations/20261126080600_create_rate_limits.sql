-- Rate limits: hits per salted IP hash, action and fixed time window.
-- Replaced by a sliding window in 20261202090000 (rate_limit_hits and
-- public.hit_rate_limit, defined there).

create table public.rate_limits (
  ip_hash text not null,
  action text not null,
  window_start timestamptz not null,
  hits integer not null default 1,
  primary key (ip_hash, action, window_start)
);

comment on table public.rate_limits is 'Counters for the per-IP rate limit (salted hashes only).';

alter table public.rate_limits enable row level security;

create policy "service role reads rate limits" on public.rate_limits
  for select to service_role using (true);
create policy "service role inserts rate limits" on public.rate_limits
  for insert to service_role with check (true);
create policy "service role updates rate limits" on public.rate_limits
  for update to service_role using (true) with check (true);
create policy "service role deletes rate limits" on public.rate_limits
  for delete to service_role using (true);

revoke all on public.rate_limits from anon, authenticated;
grant select, insert, update, delete on public.rate_limits to service_role;
