-- One person, one voice, without accounts. « Once per person » was once per
-- browser token, which the browser invents: three flags with three fresh
-- tokens from one IP sent any published contribution back to review, and
-- ten fresh tokens added ten supports. The network a request comes from (the
-- salted hash of its IP address) is now recorded with each flag and reaction:
--
-- - the auto-hide threshold counts distinct networks, not tokens;
-- - a contribution a moderator published after reading its flags stays
--   visible: further flags put it in the flagged queue, they no longer hide it;
-- - one network adds at most `reactions_per_network` reactions to one
--   contribution: a room of people can support it, a person clearing cookies
--   cannot go on;
-- - moderators see, per contribution, how many distinct networks its
--   reactions and flags came from;
-- - every decision that closes flags writes its log line, the item's state
--   changed or not.
--
-- Flags and reactions recorded before this migration have no network: each
-- counts as a network of its own (the most cautious reading).

alter table public.flags add column network_hash text check (char_length(network_hash) between 16 and 128);
alter table public.reactions add column network_hash text check (char_length(network_hash) between 16 and 128);
comment on column public.flags.network_hash is 'Salted hash of the IP the flag came from: the threshold counts distinct networks.';
comment on column public.reactions.network_hash is 'Salted hash of the IP the reaction came from: capped per network and contribution.';
create index reactions_network_idx on public.reactions (contribution_id, network_hash);

alter table public.contributions add column flags_reviewed_at timestamptz;
comment on column public.contributions.flags_reviewed_at is
  'When a moderator published or kept the contribution after reading its flags: later flags queue it for review without hiding it.';

alter table public.moderation_events drop constraint moderation_events_action_check;
alter table public.moderation_events add constraint moderation_events_action_check check (
  action in ('submitted', 'published', 'rejected', 'flagged', 'returned_to_review', 'retained', 'flags_resolved')
);

-- flag_contribution, react_to_contribution and moderate are defined, with their grants, in
-- 20261203090000_one_clock.sql.

-- The queue now tells, per contribution, how many distinct networks its
-- open flags and its reactions came from.
create or replace function public.moderation_queue(payload jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_type text := payload ->> 'subject_type';
  v_status text := payload ->> 'status';
  v_limit integer := least(greatest(coalesce((payload ->> 'limit')::integer, 50), 1), 200);
  v_after_at timestamptz := (payload ->> 'after_created_at')::timestamptz;
  v_after_id uuid := (payload ->> 'after_id')::uuid;
  v_items jsonb;
begin
  if v_type = 'initiative' then
    select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]')
    into v_items
    from (
      select i.id, 'initiative' as subject_type, i.name, i.kind, i.description, i.url, i.opening_year,
             i.pseudonym, i.profile, i.commune_name, i.departement_name, i.region_name, i.territory_type,
             i.status, i.moderation_reason, i.created_at, i.moderated_at, 0 as open_flags
      from public.initiatives i
      where i.status = v_status
        and (v_after_at is null or (i.created_at, i.id) > (v_after_at, v_after_id))
      order by i.created_at, i.id
      limit v_limit
    ) q;
  else
    select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]')
    into v_items
    from (
      select c.id, 'contribution' as subject_type, c.theme_id, c.question_id, c.parent_id, c.stance, c.body,
             p.body as parent_body, c.pseudonym, c.profile, c.commune_name, c.departement_name, c.region_name,
             c.territory_type, c.status, c.moderation_reason, c.retained, c.created_at, c.moderated_at,
             c.flags_reviewed_at,
             (select count(*) from public.flags f
               where f.contribution_id = c.id and f.resolved_at is null)::integer as open_flags,
             (select count(distinct coalesce(f.network_hash, f.voter_hash)) from public.flags f
               where f.contribution_id = c.id and f.resolved_at is null)::integer as flag_networks,
             (select coalesce(jsonb_agg(distinct f.reason), '[]') from public.flags f
               where f.contribution_id = c.id and f.resolved_at is null) as flag_reasons,
             (select count(*) from public.reactions r where r.contribution_id = c.id)::integer as reactions,
             (select count(distinct coalesce(r.network_hash, r.voter_hash)) from public.reactions r
               where r.contribution_id = c.id)::integer as reaction_networks
      from public.contributions c
      left join public.contributions p on p.id = c.parent_id
      where (case when v_status = 'flagged'
               then exists (select 1 from public.flags f where f.contribution_id = c.id and f.resolved_at is null)
               else c.status = v_status end)
        and (v_after_at is null or (c.created_at, c.id) > (v_after_at, v_after_id))
      order by c.created_at, c.id
      limit v_limit
    ) q;
  end if;
  return jsonb_build_object('items', v_items);
end;
$$;

comment on function public.moderation_queue(jsonb) is
  'One page of a moderation queue, oldest first, after a (created_at, id) cursor; with open flags and reactions and the distinct networks they came from.';

revoke execute on function public.moderation_queue(jsonb) from public, anon, authenticated;
grant execute on function public.moderation_queue(jsonb) to service_role;
