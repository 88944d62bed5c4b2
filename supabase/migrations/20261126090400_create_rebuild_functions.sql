-- Lets the server note a public change again when a requested rebuild could
-- not be started (the build hook failed), so the next run tries again.

create function public.note_public_change(payload jsonb default '{}'::jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform public.mark_public_changed();
  return jsonb_build_object('outcome', 'noted');
end;
$$;

revoke execute on function public.note_public_change(jsonb) from public, anon, authenticated;
grant execute on function public.note_public_change(jsonb) to service_role;
