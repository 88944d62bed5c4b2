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
-- 20261201090300_hold_back_replies_under_hidden_answers.sql.

-- Computes the summary, stores it with its time and duration, keeps the last 10.
create function public.refresh_summary(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_started timestamptz := clock_timestamp();
  v_data jsonb := public.compute_summary(payload);
  v_row public.summaries%rowtype;
begin
  insert into public.summaries (duration_ms, data)
  values (ceil(extract(epoch from clock_timestamp() - v_started) * 1000)::integer, v_data)
  returning * into v_row;
  delete from public.summaries where id not in (select id from public.summaries order by computed_at desc, id desc limit 10);
  return jsonb_build_object('computed_at', v_row.computed_at, 'duration_ms', v_row.duration_ms, 'data', v_row.data);
end;
$$;

create function public.latest_summary(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('computed_at', s.computed_at, 'duration_ms', s.duration_ms, 'data', s.data)
  from public.summaries s
  order by s.computed_at desc, s.id desc
  limit 1
$$;

revoke execute on function public.refresh_summary(jsonb) from public, anon, authenticated;
revoke execute on function public.latest_summary(jsonb) from public;
grant execute on function public.refresh_summary(jsonb) to service_role;
grant execute on function public.latest_summary(jsonb) to anon, authenticated, service_role;
