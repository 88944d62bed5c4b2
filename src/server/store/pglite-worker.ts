/**
 * The embedded database's worker thread, under `npm start` (see
 * worker-port.ts, its other end): it opens the store exactly as a process
 * would (openStore: the folder lock, the migrations, and the PgliteSqlPort
 * that reopens the folder after a PANIC; the salt comes from the main
 * thread, as HASH_SALT), then runs the SQL
 * calls the main thread sends, in the order they arrive, and closes the
 * database (releasing the lock) when asked. The lock stays this thread's
 * alone: the main thread never opens the folder.
 *
 * Messages (worker-messages.ts), in: {type: "calls", calls} and
 * {type: "close"}. Out: {type: "ready"} or {type: "failed", error} once,
 * then {type: "results", results}, one result or error per call, and
 * {type: "closed", error?} last.
 */
import { type MessagePort, parentPort } from "node:worker_threads";
import { parseEnv } from "../env";
import { type OpenedStore, openStore } from "./open-store";
import { Outbox, type PortRequest, type PortResponse, type PortResult, serializeError } from "./worker-messages";

/** Opens the store, answers "ready" or "failed", then serves the main thread's calls until it asks to close. */
async function serve(port: MessagePort): Promise<void> {
  const post = (message: PortResponse) => port.postMessage(message);
  let opened: OpenedStore;
  try {
    opened = await openStore(parseEnv());
  } catch (error) {
    // openStore released the lock and closed what it had opened: nothing is left to this thread.
    post({ type: "failed", error: serializeError(error) });
    port.close();
    return;
  }
  const { store } = opened;

  /** Calls not answered yet: closing waits for them, so no request loses an answer it was owed. */
  const inFlight = new Set<Promise<void>>();
  const results = new Outbox<PortResult>((batch) => post({ type: "results", results: batch }));

  port.on("message", (message: PortRequest) => {
    if (message.type === "calls") {
      for (const { id, fn, payload } of message.calls) {
        // PgliteSqlPort runs them one at a time, in this order: each is one statement, hence one transaction.
        const done = store.port.call(fn, payload).then(
          (result) => results.push({ id, result }),
          (error: unknown) => results.push({ id, error: serializeError(error) }),
        );
        inFlight.add(done);
        void done.finally(() => inFlight.delete(done));
      }
      return;
    }
    void (async () => {
      await Promise.allSettled([...inFlight]);
      results.flush();
      try {
        await store.close();
        post({ type: "closed" });
      } catch (error) {
        post({ type: "closed", error: serializeError(error) });
      }
      port.close();
    })();
  });

  post({ type: "ready" });
}

if (!parentPort)
  throw new Error("pglite-worker.ts runs in a worker thread (src/server/store/worker-port.ts starts it)");
void serve(parentPort);
