-- Named moderators everywhere. In production they are Supabase Auth users
-- listed in public.moderators; on the embedded database and self-hosted
-- PostgreSQL, each person gets a token of their own (`npm run moderator`),
-- stored here only as a SHA-256 digest. The tokens are 32 random bytes, so a
-- digest without salt cannot be reversed by guessing; a stolen table gives no
-- token. Every log line names who acted: the log keeps the display name the
-- moderator had at the time, filled in by a trigger from either table.

create table public.moderator_tokens (
  id uuid primary key default gen_random_uuid(),
  display_name text not null check (char_length(display_name) between 1 and 80),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

comment on table public.moderator_tokens is
  'Named moderators of the embedded database and self-hosted PostgreSQL: the SHA-256 digest of each person''s token; read by the service role only.';

alter table public.moderator_tokens enable row level security;

create policy "service role reads moderator tokens" on public.moderator_tokens
  for select to service_role using (true);
create policy "service role adds moderator tokens" on public.moderator_tokens
  for insert to service_role with check (true);
create policy "service role revokes moderator tokens" on public.moderator_tokens
  for update to service_role using (true) with check (true);

revoke all on public.moderator_tokens from anon, authenticated;
grant select, insert on public.moderator_tokens to service_role;
grant update (revoked_at) on public.moderator_tokens to service_role;

-- payload: { display_name, token_hash } → { id, display_name, created_at }
create function public.add_moderator_token(payload jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  insert into public.moderator_tokens (display_name, token_hash)
  values (btrim(payload ->> 'display_name'), payload ->> 'token_hash')
  returning jsonb_build_object('id', id, 'display_name', display_name, 'created_at', created_at)
$$;

comment on function public.add_moderator_token(jsonb) is 'Adds a named moderator of the token sign-in; the token itself is never stored.';
revoke execute on function public.add_moderator_token(jsonb) from public, anon, authenticated;
grant execute on function public.add_moderator_token(jsonb) to service_role;

-- payload: { token_hash } → { id, display_name } of a token not revoked, or null
create function public.find_moderator_token(payload jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('id', t.id, 'display_name', t.display_name)
  from public.moderator_tokens t
  where t.token_hash = payload ->> 'token_hash' and t.revoked_at is null
$$;

comment on function public.find_moderator_token(jsonb) is 'The named moderator a token digest belongs to, unless revoked.';
revoke execute on function public.find_moderator_token(jsonb) from public, anon, authenticated;
grant execute on function public.find_moderator_token(jsonb) to service_role;

-- → { moderators: [{ id, display_name, created_at, revoked_at }] }, oldest first
create function public.list_moderator_tokens(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('moderators', coalesce(jsonb_agg(jsonb_build_object(
    'id', t.id, 'display_name', t.display_name, 'created_at', t.created_at, 'revoked_at', t.revoked_at
  ) order by t.created_at, t.id), '[]'::jsonb))
  from public.moderator_tokens t
$$;

comment on function public.list_moderator_tokens(jsonb) is 'Named moderators of the token sign-in, revoked ones included.';
revoke execute on function public.list_moderator_tokens(jsonb) from public, anon, authenticated;
grant execute on function public.list_moderator_tokens(jsonb) to service_role;

-- payload: { id } → { outcome: 'revoked' | 'not_found' } (revoking twice keeps the first date)
create function public.revoke_moderator_token(payload jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  with revoked as (
    update public.moderator_tokens
    set revoked_at = coalesce(revoked_at, now())
    where id = (payload ->> 'id')::uuid
    returning id
  )
  select jsonb_build_object('outcome', case when exists (select 1 from revoked) then 'revoked' else 'not_found' end)
$$;

comment on function public.revoke_moderator_token(jsonb) is 'Revokes a named moderator''s token; their past log lines keep their name.';
revoke execute on function public.revoke_moderator_token(jsonb) from public, anon, authenticated;
grant execute on function public.revoke_moderator_token(jsonb) to service_role;

-- payload: { user_id, display_name } → { outcome: 'added' | 'renamed' | 'no_such_user' }
-- The foreign key tells an unknown user: service_role need not read auth.users.
create function public.add_moderator(payload jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  target uuid := (payload ->> 'user_id')::uuid;
  existed boolean := exists (select 1 from public.moderators m where m.user_id = target);
begin
  insert into public.moderators (user_id, display_name)
  values (target, btrim(payload ->> 'display_name'))
  on conflict (user_id) do update set display_name = excluded.display_name;
  return jsonb_build_object('outcome', case when existed then 'renamed' else 'added' end);
exception when foreign_key_violation then
  return jsonb_build_object('outcome', 'no_such_user');
end;
$$;

comment on function public.add_moderator(jsonb) is 'Lists a Supabase Auth user as a named moderator (or renames one).';
revoke execute on function public.add_moderator(jsonb) from public, anon, authenticated;
grant execute on function public.add_moderator(jsonb) to service_role;
grant update (display_name) on public.moderators to service_role;
create policy "service role renames moderators" on public.moderators
  for update to service_role using (true) with check (true);

alter table public.moderation_events add column actor_name text;
comment on column public.moderation_events.actor_name is
  'The moderator''s display name when they acted (null for citizens and the system).';

-- Fills actor_name from whichever table names the actor: a Supabase Auth user
-- id (public.moderators) or a token id (public.moderator_tokens). Invoker's
-- rights: only service_role appends log lines, and it reads both tables.
create function public.name_moderation_actor() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if new.actor_name is null then
    select m.display_name into new.actor_name from public.moderators m where m.user_id::text = new.actor;
    if new.actor_name is null then
      select t.display_name into new.actor_name from public.moderator_tokens t where t.id::text = new.actor;
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function public.name_moderation_actor() from public, anon, authenticated;

create trigger moderation_events_actor_name
  before insert on public.moderation_events
  for each row execute function public.name_moderation_actor();
