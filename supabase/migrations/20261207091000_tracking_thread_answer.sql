-- A reply to a reply is tracked to the right page: the tracking view names
-- the answer its thread starts from (as the e-mail's subject does in
-- 20261206170000_email_outbox.sql), since only answers have a page and a
-- reply reads at its anchor there.

-- What a link shows of what it tracks: its state, its text (the author's own,
-- shown to the link's holder), where it was sent, the reason of a rejection
-- (the row's, else the last one logged), and whether a contact is kept. Never
-- the contact itself, the author hash, the key or the digest.
create or replace function public.tracking_view(p_subject_type text, p_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_contribution public.contributions%rowtype;
  v_initiative public.initiatives%rowtype;
  v_reason text;
begin
  select reason into v_reason
  from public.moderation_events
  where subject_type = p_subject_type and subject_id = p_id and action = 'rejected'
  order by created_at desc, id desc
  limit 1;

  if p_subject_type = 'contribution' then
    select * into v_contribution from public.contributions where id = p_id;
    if not found then
      return null;
    end if;
    return jsonb_build_object(
      'subject_type', 'contribution',
      'id', v_contribution.id,
      'status', v_contribution.status,
      'editable', v_contribution.status = 'pending' and v_contribution.published_at is null,
      'theme_id', v_contribution.theme_id,
      'question_id', v_contribution.question_id,
      'parent_id', v_contribution.parent_id,
      -- The answer that starts the thread: a reply's permalink is its anchor in that page, however deep it is.
      'answer_id', (
        with recursive chain as (
          select k.id, k.parent_id, 0 as depth from public.contributions k where k.id = p_id
          union all
          select k.id, k.parent_id, chain.depth + 1
          from public.contributions k join chain on k.id = chain.parent_id
          where chain.depth < 50
        )
        select chain.id from chain where chain.parent_id is null limit 1
      ),
      'stance', v_contribution.stance,
      'body', v_contribution.body,
      'reason', case when v_contribution.status = 'rejected'
                     then coalesce(nullif(btrim(v_contribution.moderation_reason), ''), v_reason) end,
      'created_at', v_contribution.created_at,
      'moderated_at', v_contribution.moderated_at,
      'has_contact', exists (select 1 from public.private_contacts where contribution_id = p_id)
    );
  end if;

  select * into v_initiative from public.initiatives where id = p_id;
  if not found then
    return null;
  end if;
  return jsonb_build_object(
    'subject_type', 'initiative',
    'id', v_initiative.id,
    'status', v_initiative.status,
    'editable', v_initiative.status = 'pending' and v_initiative.published_at is null,
    'name', v_initiative.name,
    'kind', v_initiative.kind,
    'description', v_initiative.description,
    'url', v_initiative.url,
    'opening_year', v_initiative.opening_year,
    'reason', case when v_initiative.status = 'rejected'
                   then coalesce(nullif(btrim(v_initiative.moderation_reason), ''), v_reason) end,
    'created_at', v_initiative.created_at,
    'moderated_at', v_initiative.moderated_at,
    'has_contact', exists (select 1 from public.private_contacts where initiative_id = p_id)
  );
end;
$$;

revoke execute on function public.tracking_view(text, uuid) from public, anon, authenticated;
grant execute on function public.tracking_view(text, uuid) to service_role;

comment on function public.tracking_view(text, uuid) is
  'What a tracking link shows of a contribution or an initiative: state, text, the answer its thread starts from, rejection reason, whether a contact is kept; never the contact or a hash.';
