/**
 * GET /api/admin/journal and the synthesis versions of /api/admin/syntheses,
 * through real Request objects on PGlite: only a moderator reads the log; a
 * bad filter is refused in French and says which field; the JSON pages go
 * newest first, with the decisions per moderator; the CSV export is read
 * back by a CSV parser someone else wrote (tableschema-js, a devDependency,
 * over csv-parse), with its byte order mark, its header, and the formulas
 * a spreadsheet would run neutralised.
 */
import { Readable } from "node:stream";
import type { PGlite } from "@electric-sql/pglite";
import { Table } from "tableschema";
import { beforeAll, describe, expect, it } from "vitest";
import decisions from "../../netlify/functions/admin-decisions";
import journal from "../../netlify/functions/admin-journal";
import syntheses from "../../netlify/functions/admin-syntheses";
import contributions from "../../netlify/functions/contributions";
import { UTF8_BOM } from "../../src/domain/csv";
import { journalMessages, journalPageSchema } from "../../src/domain/moderation-journal";
import { synthesisSavedSchema, synthesisVersionsResponseSchema } from "../../src/domain/synthesis-versions";
import { moderatorTokenDigest, provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import type { Store } from "../../src/server/store/store";
import { JOURNAL_CSV_HEADER } from "../../src/server/use-cases/journal";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

const BOOTSTRAP = "jeton-de-moderation-pour-les-tests-0123";
const CAMILLE = "jeton-nominatif-de-camille-0123456789";
const DOMINIQUE = "jeton-nominatif-de-dominique-012345678";
let db: PGlite;
let store: Store;
let camilleId: string;

const auth = (token = CAMILLE) => ({ Authorization: `Bearer ${token}` });
const get = (query = "", headers: Record<string, string> = auth()) =>
  journal(new Request(`http://localhost/api/admin/journal${query}`, { headers }), fakeContext());

async function submitted(): Promise<string> {
  const response = await contributions(
    jsonRequest("/api/contributions", answer(), { "Idempotency-Key": crypto.randomUUID() }),
    fakeContext(),
  );
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

async function decide(token: string, ids: string[], body: Record<string, unknown>) {
  const response = await decisions(
    jsonRequest("/api/admin/decisions", { type: "contribution", ids, ...body }, auth(token)),
    fakeContext(),
  );
  expect(response.status).toBe(200);
}

async function saveSynthesis(token: string, themeId: string, body: string) {
  const response = await syntheses(
    new Request(`http://localhost/api/admin/syntheses/${themeId}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", ...auth(token) },
      body: JSON.stringify({ body }),
    }),
    fakeContext({ themeId }),
  );
  expect(response.status).toBe(200);
  return synthesisSavedSchema.parse(await response.json());
}

/** Rows of a CSV text as tableschema-js (csv-parse underneath) reads them, header first, no schema, no casting. */
async function parseCsv(csv: string): Promise<string[][]> {
  const table = await (Table.load(() => Readable.from([csv]), {
    bom: true,
    delimiter: ",",
  } as never) as unknown as Promise<Table>);
  const rows = (await (table.read({ cast: false }) as unknown as Promise<string[][]>)) ?? [];
  return [table.headers as unknown as string[], ...rows];
}

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  store = fresh.store;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(BOOTSTRAP, store));
  camilleId = (
    await store.addModeratorToken({ displayName: "Camille Martin", tokenHash: moderatorTokenDigest(CAMILLE) })
  ).id;
  await store.addModeratorToken({ displayName: "Dominique Petit", tokenHash: moderatorTokenDigest(DOMINIQUE) });

  const [a, b, c] = [await submitted(), await submitted(), await submitted()];
  await decide(CAMILLE, [a], { decision: "publish" });
  await decide(CAMILLE, [b], {
    decision: "reject",
    reasonCode: "other",
    // What a citizen wrote, quoted in a reason: a spreadsheet must not run it.
    reasonText: '=HYPERLINK("https://exemple.fr","cliquez"), dit-il ; "entre guillemets"\nsur deux lignes',
  });
  await decide(DOMINIQUE, [c], { decision: "publish" });
  await saveSynthesis(DOMINIQUE, "ancrage-territorial", "## Synthèse\n\nPremier texte.");
}, 60_000);

describe("GET /api/admin/journal", () => {
  it("answers 401 without a token or with a wrong one, and 405 to anything but GET", async () => {
    expect((await get("", {})).status).toBe(401);
    expect((await get("?format=csv", {})).status).toBe(401);
    expect((await get("", auth("pas-le-bon-jeton"))).status).toBe(401);
    const post = await journal(
      new Request("http://localhost/api/admin/journal", { method: "POST", headers: auth() }),
      fakeContext(),
    );
    expect(post.status).toBe(405);
  });

  it("refuses a bad filter with 400 and a French message for the field", async () => {
    const cases: [string, string, string][] = [
      ["?action=deleted", "action", journalMessages.action],
      ["?from=2018-02-30", "from", journalMessages.from],
      ["?to=demain", "to", journalMessages.to],
      ["?from=2018-06-10&to=2018-06-01", "to", journalMessages.order],
      ["?theme=theme-inconnu", "theme", journalMessages.theme],
      ["?format=xlsx", "format", journalMessages.format],
      ["?after=pas-un-curseur", "after", journalMessages.cursor],
      ["?limit=0", "limit", "Le nombre d'éléments par page va de 1 à 200."],
    ];
    for (const [query, path, message] of cases) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.error, query).toBe("invalid_input");
      expect(body.issues, query).toEqual([{ path, message }]);
    }
  });

  it("reads the log newest first, a page at a time, with the decisions per moderator over the filter", async () => {
    const response = await get("?limit=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const first = journalPageSchema.parse(await response.json());
    expect(first.events).toHaveLength(2);
    expect(first.events[0]).toMatchObject({
      action: "synthesis_saved",
      actionLabel: "Synthèse enregistrée",
      subjectType: "synthesis",
      themeId: "ancrage-territorial",
      actorName: "Dominique Petit",
      subjectExists: true,
    });
    expect(first.totals?.byModerator).toEqual([
      { actor: camilleId, name: "Camille Martin", published: 1, rejected: 1, other: 0 },
      { actor: expect.any(String), name: "Dominique Petit", published: 1, rejected: 0, other: 1 },
    ]);
    expect(first.totals?.moderators.map((m) => m.name)).toEqual(["Camille Martin", "Dominique Petit"]);

    const pages = [first];
    while (pages.at(-1)?.nextCursor) {
      const next = await get(`?limit=2&after=${pages.at(-1)?.nextCursor}`);
      pages.push(journalPageSchema.parse(await next.json()));
    }
    const all = pages.flatMap((page) => page.events);
    // Three submissions, three decisions, one synthesis: seven lines, none twice.
    expect(all).toHaveLength(7);
    expect(new Set(all.map((event) => event.id)).size).toBe(7);
    expect(pages.slice(1).every((page) => page.totals === undefined)).toBe(true);
    expect(all.filter((event) => event.action === "submitted").map((event) => event.actorName)).toEqual([
      "Participant (site public)",
      "Participant (site public)",
      "Participant (site public)",
    ]);

    const camille = journalPageSchema.parse(await (await get(`?actor=${camilleId}`)).json());
    expect(camille.events.map((event) => event.action)).toEqual(["rejected", "published"]);
    expect(camille.totals?.byModerator).toEqual([
      { actor: camilleId, name: "Camille Martin", published: 1, rejected: 1, other: 0 },
    ]);
    // Blank fields, as a form sends them, filter nothing.
    const blank = journalPageSchema.parse(await (await get("?actor=&action=&from=&to=&theme=")).json());
    expect(blank.events).toHaveLength(7);
    const otherDays = journalPageSchema.parse(await (await get("?from=2001-01-01&to=2001-12-31")).json());
    expect(otherDays.events).toEqual([]);
    expect(otherDays.totals?.byModerator).toEqual([]);
  });

  it("exports the filtered log as CSV: BOM, header, RFC 4180 quoting, formulas neutralised", async () => {
    for (const request of [get("?format=csv"), get("", { ...auth(), Accept: "text/csv" })]) {
      const response = await request;
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
      expect(response.headers.get("content-disposition")).toBe('attachment; filename="journal-de-moderation.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      // The byte order mark, as bytes: Response#text() would drop it.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      expect(csv.startsWith(UTF8_BOM)).toBe(true);
      expect(csv.endsWith("\r\n")).toBe(true);

      const [header, ...rows] = await parseCsv(csv);
      expect(header).toEqual([...JOURNAL_CSV_HEADER]);
      expect(rows).toHaveLength(7);
      const rejected = rows.find((row) => row[5] === "rejected");
      expect(rejected?.slice(2, 8)).toEqual([
        "Camille Martin",
        camilleId,
        "Rejet",
        "rejected",
        "Contribution",
        expect.stringMatching(/^[0-9a-f-]{36}$/),
      ]);
      expect(rejected?.[11]).toBe(
        'Autre raison : =HYPERLINK("https://exemple.fr","cliquez"), dit-il ; "entre guillemets"\nsur deux lignes',
      );
      expect(rows.find((row) => row[5] === "synthesis_saved")?.[9]).toBe("ancrage-territorial");
      expect(rows.every((row) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(row[0] ?? ""))).toBe(true);
    }
  });

  it("neutralises a cell that would start a formula, and a JSON Accept still gets JSON", async () => {
    await db.query(
      "insert into public.moderation_events (subject_type, subject_id, action, actor, reason) values ('contribution', $1, 'erased', $2, $3)",
      [crypto.randomUUID(), camilleId, "=1+1"],
    );
    for (const start of ["+", "-", "@"]) {
      await db.query(
        "insert into public.moderation_events (subject_type, subject_id, action, actor, reason) values ('contribution', $1, 'corrected', $2, $3)",
        [crypto.randomUUID(), camilleId, `${start}SUM(A1:A9)`],
      );
    }
    const response = await get(`?format=csv&actor=${camilleId}&action=erased`);
    const [, ...rows] = await parseCsv(await response.text());
    expect(rows.map((row) => [row[8], row[11]])).toEqual([["non", "'=1+1"]]);
    const corrected = await parseCsv(await (await get(`?format=csv&action=corrected`)).text());
    expect(corrected.slice(1).map((row) => row[11])).toEqual(["'@SUM(A1:A9)", "'-SUM(A1:A9)", "'+SUM(A1:A9)"]);

    const json = await get("?action=erased", { ...auth(), Accept: "application/json, text/csv" });
    expect(json.headers.get("content-type")).toContain("application/json");
    const page = journalPageSchema.parse(await json.json());
    expect(page.events[0]).toMatchObject({ action: "erased", subjectExists: false, reason: "=1+1" });
  });
});

describe("synthesis versions through /api/admin/syntheses", () => {
  it("lists a theme's versions newest first with their authors; 404 for an unknown theme, 401 without token", async () => {
    const saved = await saveSynthesis(CAMILLE, "modeles-economiques", "## Une première version");
    expect(saved.versionId).toMatch(/^[0-9a-f-]{36}$/);
    await saveSynthesis(DOMINIQUE, "modeles-economiques", "   ");
    const versions = (themeId: string, headers: Record<string, string> = auth()) =>
      syntheses(
        new Request(`http://localhost/api/admin/syntheses/${themeId}/versions`, { headers }),
        fakeContext({ themeId }),
      );
    const response = await versions("modeles-economiques");
    expect(response.status).toBe(200);
    const body = synthesisVersionsResponseSchema.parse(await response.json());
    expect(body.versions.map((v) => [v.body, v.authorName, v.published])).toEqual([
      ["   ", "Dominique Petit", false],
      ["## Une première version", "Camille Martin", true],
    ]);
    expect(body.versions[1]?.id).toBe(saved.versionId);
    expect((await versions("theme-inconnu")).status).toBe(404);
    expect((await versions("modeles-economiques", {})).status).toBe(401);
    const put = await syntheses(
      new Request("http://localhost/api/admin/syntheses/modeles-economiques/versions", {
        method: "PUT",
        headers: auth(),
      }),
      fakeContext({ themeId: "modeles-economiques" }),
    );
    expect(put.status).toBe(405);
  });
});
