-- Moderation log: append-only record of who decided what, when and why.

create table public.moderation_events (
  id bigint generated always as identity primary key,
  subject_type text not null check (subject_type in ('contribution', 'initiative')),
  subject_id uuid not null,
  action text not null check (action in ('submitted', 'published', 'rejected', 'flagged', 'returned_to_review', 'retained')),
  actor text not null,
  reason text,
  created_at timestamptz not null default now()
);

comment on table public.moderation_events is 'Append-only audit log of moderation; rows are never updated or deleted.';

create index moderation_events_subject_idx on public.moderation_events (subject_type, subject_id, created_at);

alter table public.moderation_events enable row level security;

create policy "service role reads moderation events" on public.moderation_events
  for select to service_role using (true);
create policy "service role appends moderation events" on public.moderation_events
  for insert to service_role with check (true);

revoke all on public.moderation_events from anon, authenticated;
grant select, insert on public.moderation_events to service_role;

-- Append-only even for roles that could otherwise update or delete.
create function public.refuse_moderation_event_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'moderation_events is append-only: % refused', tg_op using errcode = '42501';
end;
$$;

create trigger moderation_events_append_only
  before update or delete on public.moderation_events
  for each row execute function public.refuse_moderation_event_change();
