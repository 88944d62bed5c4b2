import type { SupabaseClient } from "@supabase/supabase-js";
import { assertFunctionName, type SqlPort, StoreUnavailableError } from "./sql-port";

/**
 * SqlPort over Supabase's REST API: `rpc(fn, { payload })` is a POST to
 * /rest/v1/rpc/<fn> with the service role key, server side only.
 */
export class SupabaseSqlPort implements SqlPort {
  constructor(private readonly client: SupabaseClient) {}

  async call(fn: string, payload: Record<string, unknown>): Promise<unknown> {
    assertFunctionName(fn);
    let response: Awaited<ReturnType<SupabaseClient["rpc"]>>;
    try {
      response = await this.client.rpc(fn, { payload });
    } catch (error) {
      throw new StoreUnavailableError("Supabase is unreachable", { cause: error });
    }
    const { data, error, status } = response;
    if (error) {
      // supabase-js reports a failed fetch as status 0; the gateway's 5xx mean the database is not answering.
      if (status === 0 || status >= 500) {
        throw new StoreUnavailableError(`Supabase answered ${status}: ${error.message}`, { cause: error });
      }
      throw new Error(`Supabase rpc ${fn} failed (${status}): ${error.message}`, { cause: error });
    }
    return data;
  }

  async close(): Promise<void> {
    // HTTP only: nothing to release.
  }
}
