-- The rules that keep one person from acting as many, in one place the
-- database owns: the rate limits and the thresholds used to be arguments of
-- the SQL functions, so any caller could relax them. They are now rows of
-- public.integrity_settings, read by the functions themselves; the service
-- role reads them and cannot change them. An operator changes one with SQL,
-- e.g. `update public.integrity_settings set value = 120 where name = 'submission_max';`
-- (psql, Supabase's SQL editor, or `npm run db:sql` on the embedded database).
--
-- The rate limit was a fixed window aligned on the clock: a burst just
-- before and just after a boundary passed twice the limit (25 in 4 minutes
-- for 20 per 10 minutes). It is now a sliding log: at most `<action>_max`
-- hits per network in ANY `<action>_window_seconds`, whatever the clock says.
-- The defaults let a shared network live (a workshop room, a school, a
-- mobile operator's address): 60 submissions, 300 reactions and 30 flags per
-- network in any 10 minutes.

create table public.integrity_settings (
  name text primary key check (name ~ '^[a-z_]+$'),
  value integer not null check (value > 0),
  description text not null
);

comment on table public.integrity_settings is
  'Rate limits and thresholds the SQL functions apply; changed by the database owner only.';

insert into public.integrity_settings (name, value, description) values
  ('submission_max', 60, 'Answers, replies and initiatives one network (salted IP hash) may send in any window'),
  ('submission_window_seconds', 600, 'Length of the sliding window for submissions, in seconds'),
  ('reaction_max', 300, 'Supports and disagreements one network may send in any window'),
  ('reaction_window_seconds', 600, 'Length of the sliding window for reactions, in seconds'),
  ('flag_max', 30, 'Abuse reports one network may send in any window'),
  ('flag_window_seconds', 600, 'Length of the sliding window for abuse reports, in seconds'),
  ('flag_networks_for_review', 3, 'Distinct networks whose open flags send a published contribution back to review'),
  ('reactions_per_network', 10, 'Reactions one network may add to one contribution');

alter table public.integrity_settings enable row level security;

create policy "service role reads integrity settings" on public.integrity_settings
  for select to service_role using (true);

revoke all on public.integrity_settings from anon, authenticated;
grant select on public.integrity_settings to service_role;

-- A setting's value; a missing one is an error, never a silent default.
create function public.integrity_setting(p_name text)
returns integer
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_value integer;
begin
  select value into v_value from public.integrity_settings where name = p_name;
  if v_value is null then
    raise exception 'integrity setting % is missing', p_name using errcode = 'P0002';
  end if;
  return v_value;
end;
$$;

comment on function public.integrity_setting(text) is 'The value of one row of integrity_settings.';

revoke execute on function public.integrity_setting(text) from public, anon, authenticated;
grant execute on function public.integrity_setting(text) to service_role;

-- The fixed-window counters go, with their function.
drop function if exists public.hit_rate_limit(text, text, integer, integer);
drop table if exists public.rate_limits;

create table public.rate_limit_hits (
  ip_hash text not null check (char_length(ip_hash) between 16 and 128),
  action text not null check (action in ('submission', 'reaction', 'flag')),
  hit_at timestamptz not null default now()
);

comment on table public.rate_limit_hits is
  'One row per accepted hit in the current sliding window, per salted IP hash and action; older rows are deleted as the sender comes back.';

create index rate_limit_hits_sender_idx on public.rate_limit_hits (ip_hash, action, hit_at);

alter table public.rate_limit_hits enable row level security;

create policy "service role reads rate limit hits" on public.rate_limit_hits
  for select to service_role using (true);
create policy "service role records rate limit hits" on public.rate_limit_hits
  for insert to service_role with check (true);
create policy "service role forgets old rate limit hits" on public.rate_limit_hits
  for delete to service_role using (true);

revoke all on public.rate_limit_hits from anon, authenticated;
grant select, insert, delete on public.rate_limit_hits to service_role;

-- Counts one hit for this sender and action and returns 0 when allowed;
-- otherwise records nothing and returns the seconds until a hit leaves the
-- window. Hits of one sender and action are serialised by an advisory lock,
-- so two parallel requests cannot both take the last place.
create function public.hit_rate_limit(p_ip_hash text, p_action text)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_max integer := public.integrity_setting(p_action || '_max');
  v_window interval := make_interval(secs => public.integrity_setting(p_action || '_window_seconds'));
  v_hits integer;
  v_frees_at timestamptz;
begin
  perform pg_advisory_xact_lock(hashtextextended('rate_limit:' || p_action || ':' || p_ip_hash, 0));
  delete from public.rate_limit_hits
  where ip_hash = p_ip_hash and action = p_action and hit_at <= now() - v_window;

  select count(*) into v_hits from public.rate_limit_hits where ip_hash = p_ip_hash and action = p_action;
  if v_hits < v_max then
    insert into public.rate_limit_hits (ip_hash, action) values (p_ip_hash, p_action);
    return 0;
  end if;

  -- A place frees up when the hit that brings the count under the limit leaves the window
  -- (the oldest one, unless the limit was lowered meanwhile).
  select hit_at + v_window into v_frees_at
  from public.rate_limit_hits
  where ip_hash = p_ip_hash and action = p_action
  order by hit_at
  offset v_hits - v_max
  limit 1;
  return greatest(1, ceil(extract(epoch from (v_frees_at - now())))::integer);
end;
$$;

comment on function public.hit_rate_limit(text, text) is
  'Sliding-window rate limit per salted IP hash and action (submission, reaction, flag), from integrity_settings.';

revoke execute on function public.hit_rate_limit(text, text) from public, anon, authenticated;
grant execute on function public.hit_rate_limit(text, text) to service_role;
