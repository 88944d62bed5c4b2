-- A moderator's decision settles the open flags of the contribution
-- (moderate() sets flags.resolved_at). Production calls moderate() as
-- service_role, which could read and insert flags but not update them: every
-- decision on a flagged contribution failed with "permission denied for
-- table flags". The store contract now runs as service_role too.

create policy "service role resolves flags" on public.flags
  for update to service_role using (true) with check (true);

grant update (resolved_at) on public.flags to service_role;
