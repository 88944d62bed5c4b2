-- A published reply whose answer went back to review (abuse flags) or was
-- rejected is on no page and in no export: the pages thread replies under
-- their answer. It was still counted in the summary (46 replies there, 45
-- rows in the export). Decision: such a reply is held back, like its answer,
-- and counted nowhere until its answer is published again. One definition of
-- what the public sees, visible_contributions, now feeds both the snapshot
-- (pages, exports) and the summary.

create view public.visible_contributions with (security_invoker = true) as
with recursive visible as (
  select c.* from public.contributions c where c.status = 'published' and c.parent_id is null
  union all
  select c.* from public.contributions c join visible v on c.parent_id = v.id where c.status = 'published'
)
select * from visible;

comment on view public.visible_contributions is
  'Published contributions whose whole thread up to the answer is published: what the pages, the exports and the summary show.';

revoke all on public.visible_contributions from public, anon, authenticated;
grant select on public.visible_contributions to service_role;

-- public_snapshot (payload jsonb) is defined in 20261206120000_field_contributions.sql.

-- compute_summary (the summary itself, read from the counters) is defined in 20261205090000_incremental_summary.sql.


