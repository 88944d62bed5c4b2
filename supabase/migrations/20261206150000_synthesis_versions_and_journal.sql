-- Synthesis versions and the moderation journal.
--
-- A theme's synthesis was overwritten in place: nobody could say what the
-- site had said, when, or who changed it. Every save now also appends a
-- version (its text, its author, its time) and a line of the moderation log
-- ('synthesis_saved', subject_type 'synthesis', subject_id the version's
-- id). public.syntheses stays the current text the site is built from:
-- saving still publishes at the next rebuild, a blank text still withdraws
-- the synthesis (src/server/published.ts shows none).
--
-- The journal (/moderation/, « Journal ») reads the log newest first, by
-- who, what, when and theme, a page at a time, with the count of decisions
-- per moderator over the same filter.

create table public.synthesis_versions (
  id uuid primary key default gen_random_uuid(),
  -- The order of saves: on a demonstration clock, every version has the same created_at.
  seq bigint generated always as identity unique,
  theme_id text not null check (theme_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  body text not null check (char_length(body) <= 20000),
  author text not null,
  -- The author's display name when they saved (the log line's actor_name).
  author_name text,
  -- Public from the next rebuild on. A text of white space only withdraws the synthesis, as the build
  -- reads it (String.prototype.trim's white space: Unicode spaces and line ends, and U+FEFF).
  published boolean generated always as (
    body ~ '[^\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]'
  ) stored,
  created_at timestamptz not null default now()
);

comment on table public.synthesis_versions is
  'Every saved text of every theme''s synthesis, append-only; the public may read the dates of the published ones.';

create index synthesis_versions_theme_idx on public.synthesis_versions (theme_id, seq);

alter table public.synthesis_versions enable row level security;

-- The public side (the pages' history) needs the dates of the published versions only: no text, no author.
create policy "anon reads published synthesis versions" on public.synthesis_versions
  for select to anon using (published);
create policy "authenticated reads published synthesis versions" on public.synthesis_versions
  for select to authenticated using (published);
create policy "service role reads synthesis versions" on public.synthesis_versions
  for select to service_role using (true);
create policy "service role appends synthesis versions" on public.synthesis_versions
  for insert to service_role with check (true);

revoke all on public.synthesis_versions from anon, authenticated, service_role;
grant select (theme_id, seq, published, created_at) on public.synthesis_versions to anon, authenticated;
grant select, insert on public.synthesis_versions to service_role;

-- A version, like a log line, is never changed or deleted.
create function public.synthesis_versions_append_only() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'synthesis_versions is append-only: % refused', tg_op using errcode = '42501';
end;
$$;

revoke execute on function public.synthesis_versions_append_only() from public, anon, authenticated;

create trigger synthesis_versions_append_only
  before update or delete on public.synthesis_versions
  for each statement execute function public.synthesis_versions_append_only();

-- The syntheses saved before this migration become their theme's first version, dated with their last
-- save (what came before was overwritten and is lost). Not logged: the log says what happened when.
insert into public.synthesis_versions (theme_id, body, author, author_name, created_at)
select s.theme_id, s.body, s.updated_by,
       coalesce(
         (select m.display_name from public.moderators m where m.user_id::text = s.updated_by),
         (select t.display_name from public.moderator_tokens t where t.id::text = s.updated_by)
       ),
       s.updated_at
from public.syntheses s
order by s.updated_at, s.theme_id;

-- Saves a theme's synthesis (the current text, as before), appends it as a version and logs the save,
-- in one transaction; returns the time it is dated with and the version's id.
create or replace function public.save_synthesis(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_version uuid := gen_random_uuid();
  v_name text;
begin
  insert into public.syntheses (theme_id, body, updated_by, updated_at)
  values (payload ->> 'theme_id', payload ->> 'body', payload ->> 'actor', v_at)
  on conflict (theme_id) do update
    set body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at;
  -- The log line first: its trigger names the moderator, and the version keeps that name.
  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  values ('synthesis', v_version, 'synthesis_saved', payload ->> 'actor',
          case when (payload ->> 'body') !~ '[^\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]'
               then 'texte vide : synthèse retirée du site' end,
          v_at)
  returning actor_name into v_name;
  insert into public.synthesis_versions (id, theme_id, body, author, author_name, created_at)
  values (v_version, payload ->> 'theme_id', payload ->> 'body', payload ->> 'actor', v_name, v_at);
  perform public.mark_public_changed();
  return jsonb_build_object('outcome', 'saved', 'updated_at', v_at, 'version_id', v_version);
end;
$$;

comment on function public.save_synthesis(jsonb) is
  'Saves the synthesis of one theme, dated at payload.at or now(), appends it as a version and logs the save; returns that time and the version id.';
revoke execute on function public.save_synthesis(jsonb) from public, anon, authenticated;
grant execute on function public.save_synthesis(jsonb) to service_role;

-- payload: { theme_id, limit? } → { versions: [{ id, theme_id, body, author, author_name, published, created_at }] },
-- newest first (50 unless asked, 200 at most): what the moderators read back.
create function public.synthesis_versions(payload jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('versions', coalesce(jsonb_agg(jsonb_build_object(
    'id', v.id, 'theme_id', v.theme_id, 'body', v.body, 'author', v.author, 'author_name', v.author_name,
    'published', v.published, 'created_at', v.created_at
  ) order by v.seq desc), '[]'::jsonb))
  from (
    select * from public.synthesis_versions
    where theme_id = payload ->> 'theme_id'
    order by seq desc
    limit least(greatest(coalesce((payload ->> 'limit')::int, 50), 1), 200)
  ) v
$$;

comment on function public.synthesis_versions(jsonb) is 'The saved versions of one theme''s synthesis, newest first, texts and authors included.';
revoke execute on function public.synthesis_versions(jsonb) from public, anon, authenticated;
grant execute on function public.synthesis_versions(jsonb) to service_role;

-- → { themes: [{ theme_id, versions: [{ created_at, republished }] }] }: the published versions of each
-- theme, oldest first, for the history the pages show under the synthesis. `republished`: the version
-- before it was a withdrawal (a blank text). Dates only: the pages show no older text and no author.
create function public.synthesis_history(payload jsonb default '{}'::jsonb)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  with ordered as (
    select v.theme_id, v.seq, v.created_at, v.published,
           coalesce(not lag(v.published) over (partition by v.theme_id order by v.seq), false) as republished
    from public.synthesis_versions v
  ),
  themes as (
    select o.theme_id,
           jsonb_agg(jsonb_build_object('created_at', o.created_at, 'republished', o.republished) order by o.seq)
             as versions
    from ordered o
    where o.published
    group by o.theme_id
  )
  select jsonb_build_object('themes', coalesce(
    jsonb_agg(jsonb_build_object('theme_id', t.theme_id, 'versions', t.versions) order by t.theme_id),
    '[]'::jsonb
  ))
  from themes t
$$;

comment on function public.synthesis_history(jsonb) is 'The dates of the published versions of each theme''s synthesis, oldest first.';
revoke execute on function public.synthesis_history(jsonb) from public, anon, authenticated;
grant execute on function public.synthesis_history(jsonb) to service_role;

-- The journal finds the versions of a theme's synthesis from their log lines.
create index moderation_events_synthesis_idx on public.moderation_events (subject_id) where subject_type = 'synthesis';

-- payload: { actor?, action?, from_at?, to_at? (exclusive), theme_id?, after_created_at?, after_id?, limit,
--            with_totals? }
-- → { events: [...], totals?: { by_actor: [...], actors: [...] } }
--
-- The log newest first (created_at, then id), a page of `limit` lines after the cursor. Each line says
-- what its subject was, from whichever table holds it, when it still exists: its theme (contributions,
-- « autre » answers, synthesis versions; an initiative has none), a short excerpt for the moderators
-- to recognise it. A line whose subject no longer exists is still listed (subject_exists false); with
-- a theme filter, only lines whose subject is known to be of that theme are.
--
-- With with_totals (the first page): per moderator over the whole filter (not the page), the decisions
-- to publish, to reject, and everything else; and every actor the log names, for the « who » filter.
-- Citizens ('citizen') and the system ('system') act too, but they are not moderators: counted out.
create function public.moderation_journal(payload jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_actor text := nullif(payload ->> 'actor', '');
  v_action text := nullif(payload ->> 'action', '');
  v_from timestamptz := (payload ->> 'from_at')::timestamptz;
  v_to timestamptz := (payload ->> 'to_at')::timestamptz;
  v_theme text := nullif(payload ->> 'theme_id', '');
  v_after_at timestamptz := (payload ->> 'after_created_at')::timestamptz;
  v_after_id bigint := (payload ->> 'after_id')::bigint;
  v_limit int := least(greatest(coalesce((payload ->> 'limit')::int, 50), 1), 1001);
  v_events jsonb;
  v_totals jsonb;
begin
  with page as (
    select e.id, e.subject_type, e.subject_id, e.action, e.actor, e.actor_name, e.reason, e.created_at,
           s.theme_id, s.question_id, s.excerpt, coalesce(s.found, false) as subject_exists
    from public.moderation_events e
    left join lateral (
      select c.theme_id, c.question_id, left(c.body, 120) as excerpt, true as found
      from public.contributions c where e.subject_type = 'contribution' and c.id = e.subject_id
      union all
      select null, null, left(i.name, 120), true
      from public.initiatives i where e.subject_type = 'initiative' and i.id = e.subject_id
      union all
      select a.theme_id, a.question_id, left(a.other_text, 120), true
      from public.choice_answers a where e.subject_type = 'choice_answer' and a.id = e.subject_id
      union all
      select v.theme_id, null, null, true
      from public.synthesis_versions v where e.subject_type = 'synthesis' and v.id = e.subject_id
    ) s on true
    where (v_actor is null or e.actor = v_actor)
      and (v_action is null or e.action = v_action)
      and (v_from is null or e.created_at >= v_from)
      and (v_to is null or e.created_at < v_to)
      and (v_theme is null or s.theme_id = v_theme)
      and (v_after_at is null or (e.created_at, e.id) < (v_after_at, v_after_id))
    order by e.created_at desc, e.id desc
    limit v_limit
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', p.id, 'subject_type', p.subject_type, 'subject_id', p.subject_id, 'action', p.action,
    'actor', p.actor, 'actor_name', p.actor_name, 'reason', p.reason, 'created_at', p.created_at,
    'theme_id', p.theme_id, 'question_id', p.question_id, 'excerpt', p.excerpt,
    'subject_exists', p.subject_exists
  ) order by p.created_at desc, p.id desc), '[]'::jsonb)
  into v_events
  from page p;

  if coalesce((payload ->> 'with_totals')::boolean, false) then
    with filtered as (
      select e.actor, e.actor_name, e.action, e.created_at
      from public.moderation_events e
      where (v_actor is null or e.actor = v_actor)
        and (v_action is null or e.action = v_action)
        and (v_from is null or e.created_at >= v_from)
        and (v_to is null or e.created_at < v_to)
        and e.actor not in ('citizen', 'system')
        and (v_theme is null or exists (
          select 1 from public.contributions c
          where e.subject_type = 'contribution' and c.id = e.subject_id and c.theme_id = v_theme
          union all
          select 1 from public.choice_answers a
          where e.subject_type = 'choice_answer' and a.id = e.subject_id and a.theme_id = v_theme
          union all
          select 1 from public.synthesis_versions v
          where e.subject_type = 'synthesis' and v.id = e.subject_id and v.theme_id = v_theme
        ))
    ),
    by_actor as (
      select f.actor,
             -- The name of their latest line: a moderator renamed since shows under their new name.
             (array_agg(f.actor_name order by f.created_at desc) filter (where f.actor_name is not null))[1]
               as actor_name,
             count(*) filter (where f.action = 'published') as published,
             count(*) filter (where f.action = 'rejected') as rejected,
             count(*) filter (where f.action not in ('published', 'rejected')) as other
      from filtered f
      group by f.actor
    ),
    -- Every actor of the log, one index probe each (moderation_events_actor_idx) rather than a scan.
    actors as (
      select a.actor,
             (select e.actor_name from public.moderation_events e
              where e.actor = a.actor and e.actor_name is not null
              order by e.created_at desc limit 1) as actor_name
      from (
        with recursive walk(actor) as (
          (select e.actor from public.moderation_events e order by e.actor limit 1)
          union all
          select (select e.actor from public.moderation_events e where e.actor > w.actor order by e.actor limit 1)
          from walk w where w.actor is not null
        )
        select walk.actor from walk where walk.actor is not null and walk.actor not in ('citizen', 'system')
      ) a
    )
    select jsonb_build_object(
      'by_actor', (select coalesce(jsonb_agg(jsonb_build_object(
        'actor', b.actor, 'actor_name', b.actor_name,
        'published', b.published, 'rejected', b.rejected, 'other', b.other
      ) order by coalesce(b.actor_name, b.actor), b.actor), '[]'::jsonb) from by_actor b),
      'actors', (select coalesce(jsonb_agg(jsonb_build_object('actor', a.actor, 'actor_name', a.actor_name)
        order by coalesce(a.actor_name, a.actor), a.actor), '[]'::jsonb) from actors a)
    )
    into v_totals;
  end if;

  return jsonb_build_object('events', v_events)
    || case when v_totals is null then '{}'::jsonb else jsonb_build_object('totals', v_totals) end;
end;
$$;

comment on function public.moderation_journal(jsonb) is
  'The moderation log newest first, filtered by actor, action, dates and theme, a page after a (created_at, id) cursor; with with_totals, the decisions per moderator over the filter and every actor.';
revoke execute on function public.moderation_journal(jsonb) from public, anon, authenticated;
grant execute on function public.moderation_journal(jsonb) to service_role;
