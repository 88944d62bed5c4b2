-- Rate limits: hits per salted IP hash, action and fixed time window,
-- counted atomically by public.hit_rate_limit().

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

-- Counts one hit and returns 0 when allowed, otherwise the seconds to wait
-- until the window ends. One statement: safe under concurrency.
create function public.hit_rate_limit(p_ip_hash text, p_action text, p_max integer, p_window_seconds integer)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_window_start timestamptz := to_timestamp(floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds);
  v_hits integer;
begin
  insert into public.rate_limits as r (ip_hash, action, window_start, hits)
  values (p_ip_hash, p_action, v_window_start, 1)
  on conflict (ip_hash, action, window_start) do update set hits = r.hits + 1
  returning r.hits into v_hits;

  -- Old windows are useless: drop this sender's expired counters as we go.
  delete from public.rate_limits
  where ip_hash = p_ip_hash and action = p_action and window_start < v_window_start;

  if v_hits > p_max then
    return greatest(1, ceil(extract(epoch from (v_window_start + make_interval(secs => p_window_seconds) - now())))::integer);
  end if;
  return 0;
end;
$$;

revoke execute on function public.hit_rate_limit(text, text, integer, integer) from public, anon, authenticated;
grant execute on function public.hit_rate_limit(text, text, integer, integer) to service_role;
