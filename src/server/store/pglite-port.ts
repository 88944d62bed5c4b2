import type { PGlite } from "@electric-sql/pglite";
import { assertFunctionName, type SqlPort, StoreUnavailableError } from "./sql-port";

/** SqlPort over an embedded PGlite database (the local default, and tests in memory). */
export class PgliteSqlPort implements SqlPort {
  /** @param onClose runs after the database is closed (releases the folder lock). */
  constructor(
    readonly db: PGlite,
    private readonly onClose?: () => Promise<void>,
  ) {}

  async call(fn: string, payload: Record<string, unknown>): Promise<unknown> {
    assertFunctionName(fn);
    if (this.db.closed) throw new StoreUnavailableError("The embedded database is closed");
    try {
      const result = await this.db.query<{ result: unknown }>(`select public.${fn}(payload => $1::jsonb) as result`, [
        JSON.stringify(payload),
      ]);
      return result.rows[0]?.result;
    } catch (error) {
      // A query on a database closed meanwhile means the store went away, not a bad request.
      if (this.db.closed) throw new StoreUnavailableError("The embedded database was closed", { cause: error });
      throw error;
    }
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    await this.onClose?.();
  }
}
