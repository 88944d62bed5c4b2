-- The content owns the lists a participant picks from. The profiles
-- (contributions.profile, initiatives.profile) and the initiative kinds
-- (initiatives.kind) were listed in CHECK constraints, so another
-- consultation, with its own profiles and kinds (`profiles` and
-- `initiativeKinds` in consultation.json), could not store a single answer
-- without a migration of its own.
--
-- SQL keeps the shape rule, the content gives the values: a profile or a
-- kind is a slug, like a theme or a question id (lowercase words joined by
-- hyphens), and the same zod schema that the forms run validates it against
-- the content in the functions (src/domain/contribution.schema.ts) before
-- any row is written. A stored value the content no longer lists is read as
-- the content's catch-all entry « autre » (CATCH_ALL_ID), never lost.
--
-- Grants, policies and functions are unchanged: no write function names a
-- profile or a kind (they copy the payload's value).

alter table public.contributions drop constraint contributions_profile_check;
alter table public.contributions
  add constraint contributions_profile_check check (profile ~ '^[a-z0-9]+(-[a-z0-9]+)*$');

alter table public.initiatives drop constraint initiatives_profile_check;
alter table public.initiatives
  add constraint initiatives_profile_check check (profile ~ '^[a-z0-9]+(-[a-z0-9]+)*$');

alter table public.initiatives drop constraint initiatives_kind_check;
alter table public.initiatives
  add constraint initiatives_kind_check check (kind ~ '^[a-z0-9]+(-[a-z0-9]+)*$');

comment on column public.contributions.profile is
  'Profile id from the content (consultation.json `profiles`); SQL checks its shape only.';
comment on column public.initiatives.profile is
  'Profile id from the content (consultation.json `profiles`); SQL checks its shape only.';
comment on column public.initiatives.kind is
  'Initiative kind id from the content (consultation.json `initiativeKinds`); SQL checks its shape only.';
