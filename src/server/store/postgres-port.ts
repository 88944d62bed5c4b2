import type { Sql } from "postgres";
import { assertFunctionName, type SqlPort, StoreUnavailableError } from "./sql-port";

/** Connection-level failures (refused, reset, timeout, server shutting down): the store is unreachable. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/** True when a postgres.js error means the server could not be reached or went away. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && UNAVAILABLE_CODES.has(code);
}

/** SqlPort over any PostgreSQL server through postgres.js (CI, self-hosting). */
export class PostgresSqlPort implements SqlPort {
  constructor(private readonly sql: Sql) {}

  async call(fn: string, payload: Record<string, unknown>): Promise<unknown> {
    assertFunctionName(fn);
    try {
      // sql.json: postgres.js serialises it once; a pre-stringified value would arrive as a jsonb string.
      const rows = await this.sql.unsafe<{ result: unknown }[]>(`select public.${fn}(payload => $1::jsonb) as result`, [
        this.sql.json(payload as never),
      ]);
      return rows[0]?.result;
    } catch (error) {
      if (isUnavailable(error)) throw new StoreUnavailableError("PostgreSQL is unreachable", { cause: error });
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}
