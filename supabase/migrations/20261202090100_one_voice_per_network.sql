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

-- moderation_queue (payload jsonb) is defined in 20261206140000_filter_moderation_queue.sql.
