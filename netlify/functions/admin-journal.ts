import type { Config } from "@netlify/functions";
import { journalQuerySchema } from "../../src/domain/moderation-journal";
import { fieldIssues } from "../../src/domain/validation";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { getStore } from "../../src/server/store/open-store";
import { exportJournal, readJournal } from "../../src/server/use-cases/journal";

/**
 * GET /api/admin/journal: the moderation log, newest first, filtered (actor, action, from, to,
 * theme), a page after `after`, with the decisions per moderator on the first page; with
 * `format=csv`, or `Accept: text/csv` and no format, the whole filtered log as a CSV file.
 * The rules are in src/server/use-cases/journal.ts.
 */
export default moderatorHandler(async (req) => {
  if (req.method !== "GET") return apiErrors.methodNotAllowed(["GET"]);
  const params = Object.fromEntries(new URL(req.url).searchParams);
  if (params.format === undefined && wantsCsv(req.headers.get("accept"))) params.format = "csv";
  const query = journalQuerySchema.safeParse(params);
  if (!query.success) return apiErrors.invalidInput(fieldIssues(query.error));
  const { store } = await getStore();
  if (query.data.format === "csv") {
    const exported = await exportJournal(query.data, store);
    if (exported.outcome === "invalid") return apiErrors.invalidInput(exported.issues);
    return new Response(exported.csv, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": 'attachment; filename="journal-de-moderation.csv"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  const result = await readJournal(query.data, store);
  if (result.outcome === "invalid") return apiErrors.invalidInput(result.issues);
  return json(200, result.page);
});

/** True when the client asks for CSV before JSON (a spreadsheet's import, curl -H "Accept: text/csv"). */
function wantsCsv(accept: string | null): boolean {
  if (!accept) return false;
  const types = accept.split(",").map((part) => part.split(";")[0]?.trim().toLowerCase());
  const csv = types.indexOf("text/csv");
  const jsonAt = types.findIndex((type) => type === "application/json" || type === "*/*");
  return csv !== -1 && (jsonAt === -1 || csv < jsonAt);
}

export const config: Config = { path: "/api/admin/journal" };
