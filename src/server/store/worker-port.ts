/**
 * The embedded database in a worker thread, for `npm start` only
 * (scripts/start.ts): PGlite took about 57 % of the HTTP thread under load,
 * so HTTP, the functions and the database now each have a thread. The main
 * thread keeps the Store (store.ts) over a WorkerSqlPort, which sends every
 * SQL call (one statement each: a SQL function is its own transaction, so
 * nothing of one request interleaves with another's inside it) to the
 * worker, pglite-worker.ts, which opens the folder exactly as a process does
 * (openStore: lock, migrations, reopen after a PANIC) and runs the calls one
 * at a time in their order of arrival. The worker alone takes and releases
 * the folder's lock; the main thread never opens the folder. The build, the
 * scripts and the tests keep the store in their own thread (open-store.ts).
 *
 * @electric-sql/pglite's own `worker` export is not used: it is written for
 * browsers (Web Workers, a leader elected among tabs with navigator.locks
 * and BroadcastChannel) and forwards the wire protocol query by query,
 * whereas one message per store call keeps the PANIC handling of
 * PgliteSqlPort where the instance lives.
 *
 * The worker is started on first use, as the in-process store is opened,
 * and again on the next use after it failed to open the folder (read-only,
 * disk full, held by another process: the same StoreUnavailableError, so
 * the same 503, as in process) or stopped. The salt stays in this thread,
 * where the use cases hash: read (or created) beside the folder on first
 * use, and handed to the worker, which therefore never writes it.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { clockFromEnv } from "../clock";
import type { OpenedStore } from "./open-store";
import { type SqlPort, StoreUnavailableError } from "./sql-port";
import { describeStorageFault, storageFaultOf } from "./storage-fault";
import { Store } from "./store";
import { Outbox, type PortCall, type PortRequest, type PortResponse, reviveError } from "./worker-messages";

const workerUrl = new URL("./pglite-worker.ts", import.meta.url);

interface Running {
  worker: Worker;
  exited: Promise<void>;
  calls: Outbox<PortCall>;
}

/** Where the worker's database lives, and the salt the environment sets (HASH_SALT), if any. */
export interface WorkerSqlPortOptions {
  dataDir: string;
  hashSalt?: string;
}

type Settle = { resolve: (result: unknown) => void; reject: (error: Error) => void };

/** SqlPort whose calls run in the embedded database's worker thread. */
export class WorkerSqlPort implements SqlPort {
  #running: Running | undefined;
  #starting: Promise<Running> | undefined;
  #pending = new Map<number, Settle>();
  #nextId = 0;
  #closed = false;
  #salt: string | undefined;

  constructor(private readonly options: WorkerSqlPortOptions) {}

  /** The store's salt: HASH_SALT, else the embedded one; throws StoreUnavailableError while it cannot be written. */
  get hashSalt(): string {
    this.#salt ??= this.options.hashSalt ?? embeddedSalt(this.options.dataDir);
    return this.#salt;
  }

  async call(fn: string, payload: Record<string, unknown>): Promise<unknown> {
    const { calls } = await this.#worker();
    if (this.#closed) throw new StoreUnavailableError("The embedded database is closed");
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      calls.push({ id, fn, payload });
    });
  }

  /** Lets the worker finish the calls it was sent, close the database and release the lock, then ends it. */
  async close(): Promise<void> {
    this.#closed = true;
    const running = this.#running ?? (await this.#starting?.catch(() => undefined));
    if (!running) return;
    const closed = new Promise<PortResponse & { type: "closed" }>((resolve, reject) => {
      running.worker.on("message", (message: PortResponse) => {
        if (message.type === "closed") resolve(message);
      });
      void running.exited.then(() => reject(new Error("The embedded database's worker stopped before it closed")));
    });
    running.calls.flush();
    running.worker.postMessage({ type: "close" } satisfies PortRequest);
    const { error } = await closed;
    await running.worker.terminate();
    this.#running = undefined;
    for (const { reject } of this.#pending.values())
      reject(new StoreUnavailableError("The embedded database is closed"));
    this.#pending.clear();
    if (error) throw reviveError(error);
  }

  #worker(): Promise<Running> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError("The embedded database is closed"));
    if (this.#running) return Promise.resolve(this.#running);
    this.#starting ??= this.#start().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  /** Starts a worker and waits for its "ready"; a failed one has released the lock and is gone before this rejects. */
  async #start(): Promise<Running> {
    // The worker reads its settings as any process does (parseEnv): this folder, and this thread's salt.
    const env = { ...process.env, PGLITE_DATA_DIR: this.options.dataDir, HASH_SALT: this.hashSalt };
    const worker = new Worker(workerUrl, { env });
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    let crash: Error | undefined;
    worker.on("error", (error) => {
      crash = error;
      console.error("[store] the embedded database's worker failed:", error);
    });
    const first = await new Promise<PortResponse | undefined>((resolve) => {
      worker.once("message", resolve);
      void exited.then(() => resolve(undefined));
    });
    if (first?.type !== "ready") {
      await worker.terminate();
      await exited;
      const error =
        first?.type === "failed"
          ? reviveError(first.error)
          : new StoreUnavailableError(`The embedded database's worker stopped while opening it (${String(crash)})`, {
              cause: crash,
            });
      throw error;
    }
    const calls = new Outbox<PortCall>((batch) =>
      worker.postMessage({ type: "calls", calls: batch } satisfies PortRequest),
    );
    const running: Running = { worker, exited, calls };
    worker.on("message", (message: PortResponse) => {
      if (message.type !== "results") return;
      for (const { id, result, error } of message.results) {
        const settle = this.#pending.get(id);
        this.#pending.delete(id);
        if (error) settle?.reject(reviveError(error));
        else settle?.resolve(result);
      }
    });
    void exited.then(() => this.#lost(running, crash));
    this.#running = running;
    return running;
  }

  /** The worker stopped: the calls it still owed answer 503, and the next call starts another. */
  #lost(running: Running, crash: Error | undefined): void {
    if (this.#running !== running) return;
    this.#running = undefined;
    const reason = `The embedded database's worker stopped (${String(crash ?? "exited")}); it is started again on the next request`;
    const owed = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of owed) reject(new StoreUnavailableError(reason, { cause: crash }));
  }
}

/**
 * The salt of an embedded database, as open-store.ts's embeddedSalt keeps
 * it (the file `hash-salt` beside the folder, created once), so that the
 * stores opened in process (the build, scripts/db-sql.ts) hash alike.
 * Synchronous: OpenedStore's hashSalt is a field, read as the request starts.
 */
function embeddedSalt(dataDir: string): string {
  const file = join(dirname(resolve(dataDir)), "hash-salt");
  try {
    const existing = readSalt(file);
    if (existing.length >= 32) return existing;
    const salt = randomBytes(32).toString("hex");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, salt, { mode: 0o600 });
    return salt;
  } catch (error) {
    const fault = storageFaultOf(error);
    throw new StoreUnavailableError(
      fault
        ? describeStorageFault(fault, dataDir, `cannot write its salt ${file}`)
        : `Cannot read the salt ${file} of the embedded database ${dataDir}: ${String(error)}`,
      { cause: error },
    );
  }
}

function readSalt(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

/**
 * The process's store on the embedded database in a worker thread: the
 * same Store, dated by the consultation's clock in this thread (as
 * open-store.ts's stores are). Nothing is started until the first call.
 */
export function workerStore(options: WorkerSqlPortOptions): OpenedStore & { port: WorkerSqlPort } {
  const port = new WorkerSqlPort(options);
  const store = new Store(port, { clock: () => clockFromEnv() });
  return {
    store,
    port,
    get hashSalt() {
      return port.hashSalt;
    },
  };
}
