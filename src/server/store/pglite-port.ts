import type { PGlite } from "@electric-sql/pglite";
import { assertFunctionName, type SqlPort, StoreUnavailableError } from "./sql-port";
import { describeStorageFault, probeStorage, storageFaultOf } from "./storage-fault";

/** How the port reopens a folder PGlite gave up on, and what it runs once closed. Both absent in memory. */
export interface PgliteSqlPortOptions {
  /** The folder, for messages. */
  dataDir?: string;
  /** Opens the folder again (already migrated, lock held); called on a request after a PANIC. */
  reopen?: () => Promise<PGlite>;
  /** Runs after the database is closed (releases the folder lock). */
  onClose?: () => Promise<void>;
}

/**
 * Opens a PGlite database (a folder, or memory://). A PGlite that fails to
 * start (on a full disk during its recovery, say) keeps the files it had
 * opened: PGlite.create returns no instance to close, and close() refuses
 * one that never started. Its Emscripten file system is closed here, or each
 * attempt would leak some 40 descriptors and keep the disk busy.
 */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(dataDir);
  try {
    await db.waitReady;
    return db;
  } catch (error) {
    // `mod` is protected: PGlite has no public way to release a failed start.
    (db as unknown as { mod?: { FS?: { quit(): void } } }).mod?.FS?.quit();
    throw error;
  }
}

/** After a failed reopen, requests answer 503 at once for this long before the next attempt. */
const REOPEN_INTERVAL_MS = 5_000;

/**
 * SqlPort over an embedded PGlite database (the local default, and tests in memory).
 *
 * A disk that refuses a write (full, read-only) is a StoreUnavailableError,
 * so the API answers 503 with Retry-After. PostgreSQL rolled the statement
 * back: nothing of it was written. When the failed write was the log's
 * (severity PANIC), PGlite's instance is dead, and a query sent to it after
 * that blocks the whole Node process: the port closes it and opens the folder
 * again on a later request, PostgreSQL's recovery replaying every committed
 * transaction. Calls therefore run one at a time (PGlite runs them one at a
 * time anyway), so that none is already queued inside a dead instance.
 */
export class PgliteSqlPort implements SqlPort {
  #db: PGlite;
  #queue: Promise<unknown> = Promise.resolve();
  /** Set when the instance was closed after a PANIC and not reopened yet. */
  #lost: { reason: string; retryAt: number } | undefined;
  #closed = false;

  constructor(
    db: PGlite,
    private readonly options: PgliteSqlPortOptions = {},
  ) {
    this.#db = db;
  }

  /** The current instance: another one after a reopen. */
  get db(): PGlite {
    return this.#db;
  }

  call(fn: string, payload: Record<string, unknown>): Promise<unknown> {
    assertFunctionName(fn);
    const result = this.#queue.then(() => this.#call(fn, payload));
    this.#queue = result.catch(() => {});
    return result;
  }

  async #call(fn: string, payload: Record<string, unknown>): Promise<unknown> {
    if (this.#lost) await this.#reopen(this.#lost);
    if (this.#closed || this.#db.closed) throw new StoreUnavailableError("The embedded database is closed");
    try {
      const result = await this.#db.query<{ result: unknown }>(`select public.${fn}(payload => $1::jsonb) as result`, [
        JSON.stringify(payload),
      ]);
      return result.rows[0]?.result;
    } catch (error) {
      // A query on a database closed meanwhile means the store went away, not a bad request.
      if (this.#db.closed) throw new StoreUnavailableError("The embedded database was closed", { cause: error });
      const { severity, message } = error as { severity?: unknown; message?: unknown };
      const fault = storageFaultOf(error);
      const what = `PostgreSQL refused a write (${String(message)})`;
      const reason = fault ? describeStorageFault(fault, this.#folder, what) : `PGlite stopped: ${String(message)}`;
      if (severity === "PANIC" || severity === "FATAL") {
        await this.#db.close().catch(() => {});
        this.#lost = { reason, retryAt: 0 };
        throw new StoreUnavailableError(`${reason} (PGlite gave up on it: it will be reopened on the next request)`, {
          cause: error,
        });
      }
      if (fault) throw new StoreUnavailableError(reason, { cause: error });
      throw error;
    }
  }

  /** Opens the folder again, at most every REOPEN_INTERVAL_MS; throws StoreUnavailableError while it cannot. */
  async #reopen(lost: { reason: string; retryAt: number }): Promise<void> {
    const { reopen } = this.options;
    if (this.#closed || !reopen) throw new StoreUnavailableError(lost.reason);
    if (Date.now() < lost.retryAt) throw new StoreUnavailableError(`${lost.reason} (not reopened yet)`);
    try {
      this.#db = await reopen();
    } catch (error) {
      lost.retryAt = Date.now() + REOPEN_INTERVAL_MS;
      const fault =
        storageFaultOf(error) ?? (this.options.dataDir ? await probeStorage(this.options.dataDir) : undefined);
      throw new StoreUnavailableError(
        fault
          ? describeStorageFault(fault, this.#folder, "PGlite cannot reopen it")
          : `Cannot reopen the embedded database ${this.#folder}: ${String(error)} (after: ${lost.reason})`,
        { cause: error },
      );
    }
    this.#lost = undefined;
    console.info(`[store] embedded database ${this.#folder} reopened after: ${lost.reason}`);
  }

  get #folder(): string {
    return this.options.dataDir ?? "in memory";
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (!this.#db.closed) await this.#db.close();
    await this.options.onClose?.();
  }
}
