-- Moderators: the Supabase Auth users allowed to moderate. A function checks
-- the signed-in user against this table on every moderation request.

create table public.moderators (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (char_length(display_name) between 1 and 80),
  created_at timestamptz not null default now()
);

comment on table public.moderators is 'Users allowed to moderate; read by the service role only.';

alter table public.moderators enable row level security;

create policy "service role reads moderators" on public.moderators
  for select to service_role using (true);
create policy "service role inserts moderators" on public.moderators
  for insert to service_role with check (true);
create policy "service role deletes moderators" on public.moderators
  for delete to service_role using (true);

revoke all on public.moderators from anon, authenticated;
grant select, insert, delete on public.moderators to service_role;

-- The moderator a user id is, or null.
create function public.find_moderator(payload jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('user_id', m.user_id, 'display_name', m.display_name)
  from public.moderators m
  where m.user_id = (payload ->> 'user_id')::uuid
$$;

revoke execute on function public.find_moderator(jsonb) from public, anon, authenticated;
grant execute on function public.find_moderator(jsonb) to service_role;
