-- Moderation at volume: the queue filters on the server, so that a
-- moderator facing thousands of pending items can take one theme, one
-- question, one profile, one type of territory or a few words at a time.
-- Every filter is an optional key of the payload, and one predicate below:
--
--   theme_id, question_id   contributions only (an initiative has neither)
--   profile, territory_type exact values, as stored
--   text                    words searched, without case or French accents,
--                           in the text, the pseudonym and the commune (and
--                           an initiative's name and description)
--
-- The filters only narrow the rows the (created_at, id) keyset walks: the
-- order and the cursor stay what they were, so page after page under one
-- set of filters is every matching item once. Adding a filter (e.g. a
-- category from the coding tables) is one payload key and one predicate.

-- French letters folded for the search: lower case, without accents, « œ » as « oe ». lower() alone
-- only folds ASCII under the C collation PGlite runs with.
create or replace function public.moderation_search_fold(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select lower(translate(
    replace(replace(replace(replace(value, 'Œ', 'OE'), 'œ', 'oe'), 'Æ', 'AE'), 'æ', 'ae'),
    'ÀÂÄÁÃÇÉÈÊËÎÏÍÌÔÖÓÒÕÙÛÜÚŸÑàâäáãçéèêëîïíìôöóòõùûüúÿñ',
    'AAAAACEEEEIIIIOOOOOUUUUYNaaaaaceeeeiiiiooooouuuuyn'));
$$;

comment on function public.moderation_search_fold(text) is
  'Lower case without French accents: the moderation queue''s free-text filter compares folded texts.';

revoke execute on function public.moderation_search_fold(text) from public, anon, authenticated;
grant execute on function public.moderation_search_fold(text) to service_role;

-- moderation_queue (payload jsonb) is defined in 20261207090000_queue_category_filter.sql.
