import * as z from "zod/mini";

// zod 4 probes whether it may compile validators with `new Function`; under the
// site's Content-Security-Policy (no 'unsafe-eval') that probe is reported as a
// violation on every page with a form. consultation.ts (which parses the content
// first) and every input schema import this module. The setting is zod's own,
// shared by zod/mini (the shared schemas, light enough for the browser) and
// the full zod the server uses for its own shapes.
z.config({ jitless: true });

/** One problem with one field, as the API returns it and the forms show it. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. "body" or "contactConsent"; "" for the whole payload. */
  path: string;
  /** French message for the citizen. */
  message: string;
}

/** The error body of every 4xx/5xx answer of the API. */
export interface ApiErrorBody {
  /** Stable machine code, e.g. "invalid_input", "consultation_closed". */
  error: string;
  /** French sentence for the citizen. */
  message: string;
  issues: FieldIssue[];
}

/** Flattens a zod error to one message per field (the first one), in field order. */
export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  const byPath = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (!byPath.has(path)) byPath.set(path, issue.message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}
