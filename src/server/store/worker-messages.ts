/**
 * What the main thread and the embedded database's worker (pglite-worker.ts,
 * worker-port.ts) say to each other, and how an error crosses between them:
 * a structured clone keeps an Error's message but not its class nor the
 * fields callers read (`name` for a StoreUnavailableError, the 503;
 * PostgreSQL's `code`, `severity`, `detail`…), so errors travel as plain
 * objects and are rebuilt on the other side.
 */
import { StoreUnavailableError } from "./sql-port";

/** One store call: `public.<fn>(payload => …)`. */
export interface PortCall {
  id: number;
  fn: string;
  payload: Record<string, unknown>;
}

/** Its answer: the result, or the error. */
export interface PortResult {
  id: number;
  result?: unknown;
  error?: SerializedError;
}

/** From the main thread. */
export type PortRequest = { type: "calls"; calls: PortCall[] } | { type: "close" };

/** From the worker. */
export type PortResponse =
  | { type: "ready" }
  | { type: "failed"; error: SerializedError }
  | { type: "results"; results: PortResult[] }
  | { type: "closed"; error?: SerializedError };

/**
 * Gathers what one turn of the event loop sends into one message. A message
 * to another thread costs little to copy but much to deliver when that
 * thread sleeps (a wake-up, 0.1 to 0.25 ms measured on this two-core
 * machine, against 0.006 ms for a message within the thread): the calls of
 * the requests read in one turn, and the results of the calls run in one
 * turn, each travel together.
 */
export class Outbox<T> {
  #items: T[] = [];
  #scheduled = false;

  constructor(private readonly send: (items: T[]) => void) {}

  push(item: T): void {
    this.#items.push(item);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends what is gathered now (also before a last message that must come after it). */
  flush(): void {
    this.#scheduled = false;
    if (this.#items.length > 0) this.send(this.#items.splice(0));
  }
}

/** An error as it crosses threads: its name, message and stack, its own string and number fields, its cause. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, string | number | boolean>;
  cause?: SerializedError;
}

/** How deep a chain of causes is kept: the store's errors wrap PGlite's once. */
const MAX_CAUSES = 3;

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: SerializedError["fields"] = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === "name" || key === "message" || key === "stack" || key === "cause") continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") fields[key] = value;
  }
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    fields,
    ...(error.cause !== undefined && depth < MAX_CAUSES ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

/** The error again: a StoreUnavailableError stays one (by name, as api-handler.ts tells it), any other an Error with the same fields. */
export function reviveError(serialized: SerializedError): Error {
  const cause = serialized.cause ? reviveError(serialized.cause) : undefined;
  const options = cause ? { cause } : undefined;
  const error =
    serialized.name === "StoreUnavailableError"
      ? new StoreUnavailableError(serialized.message, options)
      : Object.assign(new Error(serialized.message, options), { name: serialized.name });
  Object.assign(error, serialized.fields);
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
