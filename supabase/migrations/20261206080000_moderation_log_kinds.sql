-- The moderation log names every kind of thing the mission team does, not
-- only publish and reject: synthesis versions, coding (tags and extracts),
-- contributions entered from the field, withdrawals and erasures, official
-- responses. One constraint for all of them, widened once here, so that the
-- migrations that add those features do not each rewrite it.

alter table public.moderation_events drop constraint moderation_events_subject_type_check;
alter table public.moderation_events add constraint moderation_events_subject_type_check
  check (subject_type in ('contribution', 'initiative', 'choice_answer', 'synthesis', 'contact', 'response'));

alter table public.moderation_events drop constraint moderation_events_action_check;
alter table public.moderation_events add constraint moderation_events_action_check check (
  action in (
    'submitted', 'published', 'rejected', 'flagged', 'returned_to_review', 'retained', 'flags_resolved',
    'unretained', 'synthesis_saved', 'tagged', 'untagged', 'field_entered', 'corrected', 'withdrawn',
    'erased', 'response_drafted', 'response_published'
  )
);

-- The journal reads the log by date and by who.
create index moderation_events_created_idx on public.moderation_events (created_at desc, id desc);
create index moderation_events_actor_idx on public.moderation_events (actor, created_at desc);
