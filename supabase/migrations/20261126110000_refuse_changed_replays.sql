-- A retry with an idempotency key must carry what the first send carried.
-- After a send that timed out but was written, a citizen may edit the text
-- and send again with the same key: answering with the first version would
-- drop the edit without a word. The submission functions now answer
-- 'changed_replay' (HTTP 422, as the IETF Idempotency-Key draft says), write
-- nothing, and the form keeps the edited text for a send with a new key.
--
-- The earlier functions stay as they were, under a new name, behind a check
-- of the key: a same-key retry of the same text is still answered with the
-- first answer.

alter function public.submit_contribution(jsonb) rename to record_contribution;
alter function public.submit_initiative(jsonb) rename to record_initiative;

comment on function public.record_contribution(jsonb) is
  'Records an answer or a reply as pending; called by submit_contribution once the key is checked.';
comment on function public.record_initiative(jsonb) is
  'Records an initiative as pending; called by submit_initiative once the key is checked.';

create function public.submit_contribution(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
begin
  -- What the citizen wrote: the text, the stance of a reply, the pseudonym.
  perform 1 from public.contributions
  where idempotency_key = (payload ->> 'idempotency_key')::uuid
    and (body, coalesce(stance, ''), pseudonym)
      is distinct from (payload ->> 'body', coalesce(payload ->> 'stance', ''), payload ->> 'pseudonym');
  if found then
    return jsonb_build_object('outcome', 'changed_replay');
  end if;
  return public.record_contribution(payload);
end;
$$;

comment on function public.submit_contribution(jsonb) is
  'Records an answer or a reply as pending; idempotent by key (a changed text under a used key is refused), rate limited, refuses duplicates.';

create function public.submit_initiative(payload jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform 1 from public.initiatives
  where idempotency_key = (payload ->> 'idempotency_key')::uuid
    and (name, kind, description, coalesce(url, ''), coalesce(opening_year::text, ''), pseudonym)
      is distinct from (
        payload ->> 'name', payload ->> 'kind', payload ->> 'description',
        coalesce(payload ->> 'url', ''), coalesce(payload ->> 'opening_year', ''), payload ->> 'pseudonym'
      );
  if found then
    return jsonb_build_object('outcome', 'changed_replay');
  end if;
  return public.record_initiative(payload);
end;
$$;

comment on function public.submit_initiative(jsonb) is
  'Records an initiative as pending; idempotent by key (a changed text under a used key is refused), rate limited, refuses duplicates.';

revoke execute on function public.submit_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.submit_initiative(jsonb) from public, anon, authenticated;
revoke execute on function public.record_contribution(jsonb) from public, anon, authenticated;
revoke execute on function public.record_initiative(jsonb) from public, anon, authenticated;
grant execute on function public.submit_contribution(jsonb) to service_role;
grant execute on function public.submit_initiative(jsonb) to service_role;
grant execute on function public.record_contribution(jsonb) to service_role;
grant execute on function public.record_initiative(jsonb) to service_role;
