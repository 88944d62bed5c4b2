-- Initiatives: existing places or projects (coworking spaces, tiers-lieux,
-- fablabs...) that citizens make known, with the same moderation cycle.

create table public.initiatives (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 2 and 120),
  kind text not null check (kind in ('coworking', 'tiers-lieu', 'fablab', 'makerspace', 'espace-numerique', 'autre')),
  description text not null check (char_length(description) between 20 and 1000),
  url text check (url ~* '^https?://'),
  opening_year integer check (opening_year between 1990 and 2100),
  pseudonym text not null check (char_length(pseudonym) between 2 and 40),
  profile text not null check (
    profile in (
      'habitant', 'usager', 'fondateur', 'porteur-de-projet', 'entrepreneur',
      'salarie', 'collectivite', 'association', 'autre'
    )
  ),
  postal_code text not null check (postal_code ~ '^[0-9]{5}$'),
  commune_code text not null check (commune_code ~ '^([0-9]{5}|2[AB][0-9]{3})$'),
  commune_name text not null,
  departement_code text not null,
  departement_name text not null,
  region_code text not null,
  region_name text not null,
  territory_type text not null check (territory_type in ('rural', 'small-town', 'medium-town', 'metropolis')),
  status text not null default 'pending' check (status in ('pending', 'published', 'rejected')),
  moderation_reason text,
  moderated_at timestamptz,
  published_at timestamptz,
  author_hash text not null check (char_length(author_hash) between 16 and 128),
  -- The same place made known twice by the same person is a duplicate.
  name_fingerprint text generated always as (md5(lower(regexp_replace(btrim(name), '\s+', ' ', 'g')) || '|' || commune_code)) stored,
  idempotency_key uuid not null unique,
  created_at timestamptz not null default now()
);

comment on table public.initiatives is
  'Places and projects made known by citizens; public once published, personal columns hidden.';

create unique index initiatives_author_name_unique on public.initiatives (author_hash, name_fingerprint);
create index initiatives_status_idx on public.initiatives (status, region_code);

alter table public.initiatives enable row level security;

create policy "anon reads published initiatives" on public.initiatives
  for select to anon using (status = 'published');
create policy "authenticated reads published initiatives" on public.initiatives
  for select to authenticated using (status = 'published');
create policy "service role reads initiatives" on public.initiatives
  for select to service_role using (true);
create policy "service role inserts initiatives" on public.initiatives
  for insert to service_role with check (true);
create policy "service role updates initiatives" on public.initiatives
  for update to service_role using (true) with check (true);

revoke all on public.initiatives from anon, authenticated;
grant select (
  id, name, kind, description, url, opening_year, pseudonym, profile, commune_code, commune_name,
  departement_code, departement_name, region_code, region_name, territory_type, status, published_at, created_at
) on public.initiatives to anon, authenticated;
grant select, insert, update on public.initiatives to service_role;
