-- Closed questions. A question of the content may be a single choice, a
-- multiple choice or a 1–5 scale (src/domain/consultation.schema.ts); its
-- answers are counted, not moderated: an answer counts in the summary from
-- the next refresh, and so on the site from the next build.
--
-- A single or multiple choice may offer « Autre, précisez »: the option
-- « autre » counts like any other, and its text is kept pending (other_status)
-- for the mission team. No page, no summary and no open data file shows it:
-- publishing it is a later step, with moderation.
--
-- The same guarantees as submit_contribution (20261203090000_one_clock.sql):
-- an idempotency key whose replay must carry every field the citizen chose,
-- the sliding rate limit (the 'submission' action: an answer, a reply, an
-- initiative or a choice share one budget per network), dated at the
-- payload's `at` on a demonstration clock. The window (open, closed) is
-- checked by the use case (src/server/use-cases/choice-answers.ts). The
-- content (the option ids of each question) is checked there too: SQL keeps
-- the shape rules, as for theme and question ids.
--
-- No email, no contact: a choice needs none. The commune is kept, as for a
-- contribution, for the territory breakdown; only the région, the territory
-- type and the profile leave the database (public_choice_answers).

create table public.choice_answers (
  id uuid primary key default gen_random_uuid(),
  theme_id text not null check (theme_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  question_id text not null check (question_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- The chosen options of a single or multiple choice, in the content's order; empty for a scale.
  option_ids text[] not null default '{}' check (
    cardinality(option_ids) = 0
    or array_to_string(option_ids, ',') ~ '^[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*$'
  ),
  scale_value smallint check (scale_value between 1 and 5),
  -- The « Autre, précisez » text, pending until a moderator publishes it (never shown in this version).
  other_text text check (char_length(other_text) between 2 and 500),
  other_status text check (other_status in ('pending', 'published', 'rejected')),
  pseudonym text not null check (char_length(pseudonym) between 2 and 40),
  -- The profiles come from the content: SQL keeps their shape only.
  profile text not null check (profile ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  postal_code text not null check (postal_code ~ '^[0-9]{5}$'),
  commune_code text not null check (commune_code ~ '^([0-9]{5}|2[AB][0-9]{3})$'),
  commune_name text not null,
  departement_code text not null,
  departement_name text not null,
  region_code text not null,
  region_name text not null,
  territory_type text not null check (territory_type in ('rural', 'small-town', 'medium-town', 'metropolis')),
  -- Salted hash of the sender's IP address: rate limit and duplicates, never shown.
  author_hash text not null check (char_length(author_hash) between 16 and 128),
  idempotency_key uuid not null unique,
  created_at timestamptz not null default now(),
  -- Options or a scale value, never both, never neither.
  constraint choice_answers_one_kind check ((scale_value is null) = (cardinality(option_ids) > 0)),
  constraint choice_answers_other_has_status check ((other_text is null) = (other_status is null))
);

comment on table public.choice_answers is
  'Answers to the closed questions (single, multiple, scale): counted without moderation; the « autre » text waits for moderation and is never public here.';
comment on column public.choice_answers.author_hash is 'HMAC of the sender''s IP with the server salt; never the raw IP.';

-- The same pseudonym from the same network answers a question once: a second
-- send (a double click without the key, a reload) is refused as a duplicate.
create unique index choice_answers_author_question_unique
  on public.choice_answers (author_hash, question_id, lower(pseudonym));
create index choice_answers_question_idx on public.choice_answers (theme_id, question_id);
create index choice_answers_other_pending_idx on public.choice_answers (created_at) where other_status = 'pending';

alter table public.choice_answers enable row level security;

-- No policy for anon or authenticated: the public sees the counts in the summary only.
create policy "service role reads choice answers" on public.choice_answers
  for select to service_role using (true);
create policy "service role inserts choice answers" on public.choice_answers
  for insert to service_role with check (true);

revoke all on public.choice_answers from anon, authenticated;
grant select, insert on public.choice_answers to service_role;

-- payload: { idempotency_key, theme_id, question_id, option_ids: text[] | scale_value: int,
--            other_text?, pseudonym, profile, postal_code, commune_code, commune_name,
--            departement_code, departement_name, region_code, region_name, territory_type,
--            author_hash, at? }
-- submit_choice_answer (the write path, in one pass) is defined in 20261205100000_one_pass_submissions.sql.


-- The results of every closed question answered at least once: answers,
-- answers per option (single, multiple: a multiple answer counts once per
-- option it ticks) and per value with the mean (scale). Pending « autre »
-- texts are counted as the option « autre », never shown.
create function public.compute_choice_results(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  with per_question as (
    select theme_id, question_id, count(*)::integer as answers,
           round(avg(scale_value)::numeric, 2) as mean
    from public.choice_answers
    group by theme_id, question_id
  ),
  per_option as (
    select a.theme_id, a.question_id, o.option_id, count(*)::integer as answers
    from public.choice_answers a cross join lateral unnest(a.option_ids) as o(option_id)
    group by a.theme_id, a.question_id, o.option_id
  ),
  per_value as (
    select theme_id, question_id, scale_value, count(*)::integer as answers
    from public.choice_answers
    where scale_value is not null
    group by theme_id, question_id, scale_value
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'theme_id', q.theme_id,
    'question_id', q.question_id,
    'answers', q.answers,
    'options', coalesce((
      select jsonb_agg(jsonb_build_object('option_id', o.option_id, 'answers', o.answers) order by o.option_id)
      from per_option o where o.theme_id = q.theme_id and o.question_id = q.question_id), '[]'::jsonb),
    'scale', coalesce((
      select jsonb_agg(jsonb_build_object('value', v.scale_value, 'answers', v.answers) order by v.scale_value)
      from per_value v where v.theme_id = q.theme_id and v.question_id = q.question_id), '[]'::jsonb),
    'mean', q.mean
  ) order by q.theme_id, q.question_id), '[]'::jsonb)
  from per_question q
$$;

comment on function public.compute_choice_results(jsonb) is
  'Counts of the closed questions: answers per question, per option, per scale value, and the scale mean; a pure read.';

-- The answers as the open data publishes them: no pseudonym, no commune, no
-- postal code, no hash, no « autre » text; the région, the territory type,
-- the profile and the day.
create function public.public_choice_answers(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('answers', coalesce(jsonb_agg(jsonb_build_object(
    'id', a.id,
    'theme_id', a.theme_id,
    'question_id', a.question_id,
    'option_ids', to_jsonb(a.option_ids),
    'scale_value', a.scale_value,
    'profile', a.profile,
    'region_code', a.region_code,
    'region_name', a.region_name,
    'territory_type', a.territory_type,
    'created_at', a.created_at
  ) order by a.created_at, a.id), '[]'::jsonb))
  from public.choice_answers a
$$;

comment on function public.public_choice_answers(jsonb) is
  'Every answer to a closed question, with its public columns only (région, territory type, profile, date), for the open data.';

-- payload: { stopwords: text[], opens_on: 'YYYY-MM-DD', closes_on: 'YYYY-MM-DD',
--            time_zone: 'Europe/Paris', top_contributions: int, top_words: int, at?: timestamptz }
-- Computes the summary (compute_summary, plus the closed questions' results under
-- `choices`), stores it with its time and duration, keeps the last 10 stored.
create or replace function public.refresh_summary(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  -- A duration is measured on the real clock, whatever instant the summary is dated with.
  v_started timestamptz := clock_timestamp();
  v_data jsonb := public.compute_summary(payload)
    || jsonb_build_object('choices', public.compute_choice_results(payload));
  v_row public.summaries%rowtype;
begin
  insert into public.summaries (computed_at, duration_ms, data)
  values (v_at, ceil(extract(epoch from clock_timestamp() - v_started) * 1000)::integer, v_data)
  returning * into v_row;
  delete from public.summaries where id not in (select id from public.summaries order by id desc limit 10);
  return jsonb_build_object('computed_at', v_row.computed_at, 'duration_ms', v_row.duration_ms, 'data', v_row.data);
end;
$$;

comment on function public.refresh_summary(jsonb) is
  'Computes the public summary (with the closed questions'' results), stores it dated at payload.at or now(), keeps the last 10 stored.';

revoke execute on function public.compute_choice_results(jsonb) from public, anon, authenticated;
revoke execute on function public.public_choice_answers(jsonb) from public, anon, authenticated;
revoke execute on function public.refresh_summary(jsonb) from public, anon, authenticated;
grant execute on function public.compute_choice_results(jsonb) to service_role;
grant execute on function public.public_choice_answers(jsonb) to service_role;
grant execute on function public.refresh_summary(jsonb) to service_role;
