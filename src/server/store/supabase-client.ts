/**
 * The server's one way to make a supabase-js client: the service role key
 * (server side only, never sent to a browser), no session kept, and a time
 * limit on every request so that a hung or unreachable Supabase answers the
 * API's 503 in seconds instead of holding the function until Netlify kills it.
 * Node 22+ has a global WebSocket, so supabase-js needs no transport given.
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";

/** How long one request to Supabase (REST or Auth) may take. */
export const SUPABASE_TIMEOUT_MS = 2500;

/** A fetch that gives up after `timeoutMs`, combined with any signal the caller passes. */
export function fetchWithTimeout(timeoutMs: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}

/** A client for the service role; `fetchImpl` lets tests see the exact requests. */
export function createServiceClient(
  url: string,
  serviceRoleKey: string,
  options: { fetchImpl?: typeof fetch; timeoutMs?: number } = {},
): SupabaseClient {
  return createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: fetchWithTimeout(options.timeoutMs ?? SUPABASE_TIMEOUT_MS, options.fetchImpl) },
  });
}
