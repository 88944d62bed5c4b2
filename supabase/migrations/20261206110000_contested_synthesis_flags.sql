-- A sourced synthesis: a citizen whose contribution a theme's synthesis
-- cites can say it is summarised wrongly, through the flag form of its
-- permalink, with the reason 'misrepresented'. Such a flag is about the
-- synthesis, not about the contribution: it reaches the moderators' queue
-- of open flags, but never counts towards the threshold that sends a
-- contribution back to review (the author contesting a summary must not
-- take their own text, and the synthesis's citation, off the site).

alter table public.flags drop constraint flags_reason_check;
alter table public.flags add constraint flags_reason_check
  check (reason in ('insulting', 'personal-data', 'advertising', 'off-topic', 'misrepresented', 'other'));

-- A flag: one per voter token; the threshold counts distinct networks among
-- the open flags that report abuse (not 'misrepresented'). The
-- contribution's row is locked, so that parallel flags count one after the
-- other.
create or replace function public.flag_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce((payload ->> 'at')::timestamptz, now());
  v_contribution_id uuid := (payload ->> 'contribution_id')::uuid;
  v_voter_hash text := payload ->> 'voter_hash';
  v_network_hash text := payload ->> 'network_hash';
  v_reviewed_at timestamptz;
  v_retry_after integer;
  v_networks integer;
begin
  select flags_reviewed_at into v_reviewed_at
  from public.contributions where id = v_contribution_id and status = 'published'
  for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;

  if exists (select 1 from public.flags where contribution_id = v_contribution_id and voter_hash = v_voter_hash) then
    return jsonb_build_object('outcome', 'already_flagged');
  end if;

  v_retry_after := public.hit_rate_limit(v_network_hash, 'flag');
  if v_retry_after > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_retry_after);
  end if;

  insert into public.flags (contribution_id, voter_hash, network_hash, reason, details, created_at)
  values (v_contribution_id, v_voter_hash, v_network_hash, payload ->> 'reason', nullif(payload ->> 'details', ''), v_at);

  insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
  values ('contribution', v_contribution_id, 'flagged', 'citizen', payload ->> 'reason', v_at);

  select count(distinct coalesce(network_hash, voter_hash)) into v_networks
  from public.flags
  where contribution_id = v_contribution_id and resolved_at is null and reason <> 'misrepresented';
  if v_networks >= public.integrity_setting('flag_networks_for_review') and v_reviewed_at is null then
    update public.contributions set status = 'pending', moderated_at = v_at where id = v_contribution_id;
    insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
    values ('contribution', v_contribution_id, 'returned_to_review', 'system',
            format('signalée depuis %s réseaux distincts', v_networks), v_at);
    perform public.mark_public_changed();
  end if;

  return jsonb_build_object('outcome', 'created');
end;
$$;

comment on function public.flag_contribution(jsonb) is
  'Records one report per voter on a published contribution, dated at payload.at or now(); at flag_networks_for_review distinct networks reporting abuse (a contested summary, reason misrepresented, does not count), sends it back to review unless a moderator kept it after flags.';

revoke execute on function public.flag_contribution(jsonb) from public, anon, authenticated;
grant execute on function public.flag_contribution(jsonb) to service_role;
