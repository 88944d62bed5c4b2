import type { Context } from "@netlify/functions";
import { apiErrors } from "./api-response";

/** A Netlify Functions v2 handler. */
export type Handler = (req: Request, context: Context) => Promise<Response>;

/**
 * Wraps a function so that nothing escapes as an unhandled error: an
 * unreachable store is a 503 the form can retry; anything else is logged in
 * English and answered with a generic 500, never a stack trace or SQL.
 * HEAD is answered as GET is, without the body (RFC 9110, 9.3.2): same
 * status, same headers, so a link checker or a monitor sees what a browser
 * gets, and no function has to know about HEAD.
 */
export function apiHandler(handle: Handler): Handler {
  const guarded = guard(handle);
  return async (req, context) => {
    if (req.method !== "HEAD") return guarded(req, context);
    const response = await guarded(new Request(req, { method: "GET" }), context);
    await response.body?.cancel();
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function guard(handle: Handler): Handler {
  return async (req, context) => {
    try {
      return await handle(req, context);
    } catch (error) {
      const path = new URL(req.url).pathname;
      if (isStoreUnavailable(error)) {
        console.warn(`[api] ${req.method} ${path}: store unavailable: ${(error as Error).message}`);
        return apiErrors.unavailable();
      }
      // The message and the code only: a driver error carries the query's parameters, which
      // may hold an email address or a hash that must not reach the logs.
      const { name, message, code } = error as { name?: string; message?: string; code?: string };
      console.error(
        `[api] ${req.method} ${path} failed: ${name ?? "Error"}${code ? ` ${code}` : ""}: ${message ?? String(error)}`,
      );
      return apiErrors.internal();
    }
  };
}

/**
 * By name rather than instanceof: the dev server may evaluate the store's
 * modules more than once (module reloads), giving the class two identities.
 */
function isStoreUnavailable(error: unknown): boolean {
  return error instanceof Error && error.name === "StoreUnavailableError";
}
