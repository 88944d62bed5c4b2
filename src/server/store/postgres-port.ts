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

/**
 * The server is up but takes no writes for now: SQLSTATE class 53,
 * insufficient resources (53100 disk_full, 53200 out_of_memory…), or 25006
 * read_only_sql_transaction (a standby after a failover, or
 * default_transaction_read_only, as a disk-full guard may set). The
 * statement rolled back; the same request later may succeed.
 */
export function unavailableReason(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  if (code === "53100") return "PostgreSQL's disk is full (53100 disk_full)";
  if (code.startsWith("53") && code.length === 5) return `PostgreSQL lacks resources (SQLSTATE ${code})`;
  if (code === "25006")
    return "PostgreSQL is read-only (25006 read_only_sql_transaction: a standby, or default_transaction_read_only)";
  return isUnavailable(error) ? "PostgreSQL is unreachable" : undefined;
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
      const reason = unavailableReason(error);
      if (reason) throw new StoreUnavailableError(reason, { cause: error });
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}
