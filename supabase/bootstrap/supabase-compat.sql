-- Supabase compatibility for plain PostgreSQL and PGlite.
--
-- Supabase provides the roles anon, authenticated and service_role, and the
-- auth schema with auth.uid(), auth.role(), auth.jwt() and auth.users. The
-- migrations rely on them, so outside Supabase this script creates them
-- first. It is idempotent, and never applied to a Supabase project.

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

-- Minimal stand-in for Supabase Auth's users table (moderators refer to it).
create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text unique,
  created_at timestamptz not null default now()
);

-- Same contract as Supabase: claims come from request.jwt.claims.
create or replace function auth.jwt() returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
set search_path = ''
as $$
  select nullif(auth.jwt() ->> 'sub', '')::uuid
$$;

create or replace function auth.role() returns text
language sql stable
set search_path = ''
as $$
  select coalesce(auth.jwt() ->> 'role', current_user)
$$;

grant usage on schema public to anon, authenticated, service_role;
