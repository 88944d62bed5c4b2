/**
 * The journal's vocabulary and query (src/domain/moderation-journal.ts) and
 * the history of a published synthesis (src/domain/synthesis-versions.ts,
 * src/server/synthesis-history.ts): every action and subject the database
 * accepts has its French name; the query reads a form's blank fields as
 * « any » and refuses impossible days; the history says « publiée »,
 * « modifiée », « publiée de nouveau » in order.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  actionLabel,
  actorLabel,
  journalActions,
  journalMessages,
  journalPath,
  journalQuerySchema,
  journalSubjects,
} from "../../src/domain/moderation-journal";
import { historyVerb } from "../../src/domain/synthesis-versions";
import { fieldIssues } from "../../src/domain/validation";
import { toSynthesisHistory } from "../../src/server/synthesis-history";
import { decodeJournalCursor, encodeJournalCursor } from "../../src/server/use-cases/journal";

const migrations = join(import.meta.dirname, "../../supabase/migrations");

/** The values of the latest `check (column in (...))` of moderation_events in the migrations. */
async function allowed(column: "action" | "subject_type"): Promise<string[]> {
  const sql = await readFile(join(migrations, "20261206080000_moderation_log_kinds.sql"), "utf8");
  const match = new RegExp(`check \\(\\s*${column} in \\(([^)]*)\\)`, "m").exec(sql);
  return [...(match?.[1] ?? "").matchAll(/'([a-z_]+)'/g)].map((value) => value[1] as string);
}

describe("the journal's vocabulary", () => {
  it("names every action and every subject the log accepts, in French", async () => {
    expect(Object.keys(journalActions).sort()).toEqual((await allowed("action")).sort());
    expect(Object.keys(journalSubjects).sort()).toEqual((await allowed("subject_type")).sort());
    expect(actionLabel("synthesis_saved")).toBe("Synthèse enregistrée");
    expect(actionLabel("future_action")).toBe("future_action");
  });

  it("shows the name the log kept, else what the actor stands for", () => {
    expect(actorLabel("7c9e…", "Camille Martin")).toBe("Camille Martin");
    expect(actorLabel("citizen", null)).toBe("Participant (site public)");
    expect(actorLabel("system", null)).toBe("Automatique (règle du site)");
    expect(actorLabel("moderateur-local", null)).toBe("Modérateur (jeton de démarrage)");
    expect(actorLabel("a-user-id", undefined)).toBe("a-user-id");
  });
});

describe("journalQuerySchema", () => {
  it("reads blank fields as no filter, and defaults to 50 lines of JSON", () => {
    expect(journalQuerySchema.parse({ actor: "", action: "", from: "", to: "", theme: "" })).toEqual({
      limit: 50,
      format: "json",
    });
    expect(journalQuerySchema.parse({ from: "2018-06-01", to: "2018-06-01", format: "csv" })).toMatchObject({
      from: "2018-06-01",
      to: "2018-06-01",
      format: "csv",
    });
  });

  it("refuses days that do not exist and a period that ends before it starts", () => {
    const issues = (query: Record<string, string>) => {
      const parsed = journalQuerySchema.safeParse(query);
      return parsed.success ? [] : fieldIssues(parsed.error);
    };
    expect(issues({ from: "2018-04-31" })).toEqual([{ path: "from", message: journalMessages.from }]);
    expect(issues({ to: "2018-6-1" })).toEqual([{ path: "to", message: journalMessages.to }]);
    expect(issues({ from: "2018-06-02", to: "2018-06-01" })).toEqual([{ path: "to", message: journalMessages.order }]);
    expect(issues({ action: "deleted" })).toEqual([{ path: "action", message: journalMessages.action }]);
    expect(issues({ theme: "inconnu" })).toEqual([{ path: "theme", message: journalMessages.theme }]);
  });

  it("builds the journal's URL, blank filters left out", () => {
    expect(journalPath({ actor: "", action: "rejected" }, { limit: 50 })).toBe(
      "/api/admin/journal?action=rejected&limit=50",
    );
    expect(journalPath({}, { format: "csv" })).toBe("/api/admin/journal?format=csv");
    expect(journalPath({})).toBe("/api/admin/journal");
  });

  it("gives back the cursor it made, and refuses anything else", () => {
    const cursor = encodeJournalCursor({ created_at: "2018-06-01T14:30:00.123456+00:00", id: "42" });
    expect(decodeJournalCursor(cursor)).toEqual({ createdAt: "2018-06-01T14:30:00.123456+00:00", id: "42" });
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const bad of ["%%%", forged(["2018-06-01T14:30:00Z", "1; drop"]), forged(["demain", "1"]), forged([1, 2])]) {
      expect(decodeJournalCursor(bad), bad).toBeUndefined();
    }
  });
});

describe("the history of a published synthesis", () => {
  it("says what each published version did, oldest first", () => {
    const history = toSynthesisHistory([
      {
        theme_id: "ancrage-territorial",
        versions: [
          { created_at: "2018-05-02T08:00:00+00:00", republished: false },
          { created_at: "2018-05-04T08:00:00+00:00", republished: true },
          { created_at: "2018-05-05T08:00:00+00:00", republished: false },
        ],
      },
    ]);
    const entries = history.get("ancrage-territorial") ?? [];
    expect(entries.map((entry, index) => `${historyVerb(entry, index)} ${entry.at.toISOString()}`)).toEqual([
      "publiée le 2018-05-02T08:00:00.000Z",
      "publiée de nouveau le 2018-05-04T08:00:00.000Z",
      "modifiée le 2018-05-05T08:00:00.000Z",
    ]);
    expect(history.get("modeles-economiques")).toBeUndefined();
  });
});
