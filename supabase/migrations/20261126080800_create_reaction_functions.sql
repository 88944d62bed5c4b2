-- Reaction counts of a contribution. The write functions for reactions and
-- flags (react_to_contribution, flag_contribution) are defined once, in
-- 20261203090000_one_clock.sql.

create function public.reaction_counts(p_contribution_id uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'support', count(*) filter (where kind = 'support'),
    'disagree', count(*) filter (where kind = 'disagree')
  )
  from public.reactions
  where contribution_id = p_contribution_id
$$;

revoke execute on function public.reaction_counts(uuid) from public;
grant execute on function public.reaction_counts(uuid) to anon, authenticated, service_role;
