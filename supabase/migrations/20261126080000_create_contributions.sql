-- Contributions: a citizen's answer to one question of one theme, or a reply
-- (with a stance) to another contribution. Nothing is public before a
-- moderator publishes it; personal columns are never readable by the public.

create table public.contributions (
  id uuid primary key default gen_random_uuid(),
  theme_id text not null check (theme_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  question_id text not null check (question_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  parent_id uuid references public.contributions (id) on delete cascade,
  stance text check (stance in ('for', 'against', 'question')),
  body text not null check (char_length(body) between 2 and 4000),
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
  -- Salted hash of the sender's IP address: rate limits and duplicates, never shown.
  author_hash text not null check (char_length(author_hash) between 16 and 128),
  -- Same text from the same person is refused: normalised for case and spacing.
  body_fingerprint text generated always as (md5(lower(regexp_replace(btrim(body), '\s+', ' ', 'g')))) stored,
  idempotency_key uuid not null unique,
  created_at timestamptz not null default now(),
  -- A reply has a parent and a stance; an answer has neither.
  constraint contributions_reply_has_stance check ((parent_id is null) = (stance is null))
);

comment on table public.contributions is
  'Answers to the consultation''s questions and replies to them; public once published, personal columns hidden.';
comment on column public.contributions.author_hash is 'HMAC of the sender''s IP with the server salt; never the raw IP.';

create unique index contributions_author_text_unique on public.contributions (author_hash, body_fingerprint);
create index contributions_question_status_idx on public.contributions (theme_id, question_id, status);
create index contributions_parent_idx on public.contributions (parent_id) where parent_id is not null;
create index contributions_pending_idx on public.contributions (created_at) where status = 'pending';

alter table public.contributions enable row level security;

-- The public reads published contributions, and only their public columns.
create policy "anon reads published contributions" on public.contributions
  for select to anon using (status = 'published');
create policy "authenticated reads published contributions" on public.contributions
  for select to authenticated using (status = 'published');
create policy "service role reads contributions" on public.contributions
  for select to service_role using (true);
create policy "service role inserts contributions" on public.contributions
  for insert to service_role with check (true);
create policy "service role updates contributions" on public.contributions
  for update to service_role using (true) with check (true);

revoke all on public.contributions from anon, authenticated;
grant select (
  id, theme_id, question_id, parent_id, stance, body, pseudonym, profile, commune_code, commune_name,
  departement_code, departement_name, region_code, region_name, territory_type, status, published_at, created_at
) on public.contributions to anon, authenticated;
grant select, insert, update on public.contributions to service_role;
