/**
 * The one thing the store needs from a database: call a SQL function with a
 * JSON payload and get its JSON result. Each driver (PGlite, postgres.js,
 * supabase-js) implements it in a few lines; the store above it is shared.
 */
export interface SqlPort {
  /** Calls `public.<fn>(payload => $1::jsonb)` and returns the jsonb it returns. */
  call(fn: string, payload: Record<string, unknown>): Promise<unknown>;
  /** Releases the connection or the embedded database. */
  close(): Promise<void>;
}

/** The database cannot be reached (down, closed, network): the API answers 503. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** SQL function names are fixed identifiers; refusing anything else keeps them out of injection reach. */
export function assertFunctionName(fn: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(fn)) throw new Error(`Invalid SQL function name: ${fn}`);
}
