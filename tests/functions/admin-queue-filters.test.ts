/**
 * GET /api/admin/queue under filters, through real Request objects on
 * PGlite: each filter narrows the queue on the server, the filters combine,
 * the free text ignores case and French accents, the keyset cursor walks
 * every matching item once under the filters, a coding category takes the
 * contributions tagged with it (whole or by an extract), and a filter that cannot
 * apply is refused with a French message.
 */
import type { PGlite } from "@electric-sql/pglite";
import { beforeAll, describe, expect, it } from "vitest";
import coding from "../../netlify/functions/admin-coding";
import queue from "../../netlify/functions/admin-queue";
import contributions from "../../netlify/functions/contributions";
import { themes } from "../../src/domain/consultation";
import { queueFilterMessages, queueSearchParams } from "../../src/domain/moderation-queue";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-les-filtres-0123";
let db: PGlite;

const openQuestions = themes.flatMap((theme) =>
  theme.questions.filter((question) => question.type === "open").map((question) => ({ theme, question })),
);
const first = openQuestions[0]!;
const other = openQuestions.find((entry) => entry.theme.id !== first.theme.id)!;

async function pending(overrides: Record<string, unknown>): Promise<string> {
  const response = await contributions(
    jsonRequest("/api/contributions", answer(overrides)),
    fakeContext({}, `198.51.100.${Math.floor(Math.random() * 250)}`),
  );
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

async function page(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = new URLSearchParams(params);
  const response = await queue(
    new Request(`http://localhost/api/admin/queue?${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } }),
    fakeContext(),
  );
  return { status: response.status, body: await response.json() };
}

/** Every id of the pending queue under these filters, page after page of `limit`. */
async function walk(filters: Record<string, string>, limit = 2): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const { status, body } = await page({ ...filters, limit: String(limit), ...(after ? { after } : {}) });
    expect(status).toBe(200);
    seen.push(...(body.items as { id: string }[]).map((item) => item.id));
    after = body.nextCursor as string | null;
    if (!after) break;
  }
  return seen;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
  const tag = crypto.randomUUID().slice(0, 8);
  ids.a = await pending({
    themeId: first.theme.id,
    questionId: first.question.id,
    body: `Le débit est trop faible à l'école ${tag}.`,
  });
  ids.b = await pending({
    themeId: first.theme.id,
    questionId: first.question.id,
    profile: "salarie",
    body: `Un ÉCOLE-atelier serait utile ${tag}.`,
  });
  ids.c = await pending({ themeId: other.theme.id, questionId: other.question.id, body: `Rien à signaler ${tag}.` });
  ids.d = await pending({
    themeId: first.theme.id,
    questionId: first.question.id,
    pseudonym: "Émilie",
    body: `Des horaires plus larges au cœur du bourg ${tag}.`,
  });
  ids.e = await pending({ themeId: other.theme.id, questionId: other.question.id, body: `Une école ouverte ${tag}.` });
  await db.query("update public.contributions set territory_type = 'rural' where id = any($1::uuid[])", [
    [ids.b, ids.e],
  ]);
  ids.tag = tag;
});

describe("the queue's filters", () => {
  it("narrow by theme, question, profile and territory type, and combine", async () => {
    const mine = (found: string[]) => found.filter((id) => Object.values(ids).includes(id));
    expect(mine(await walk({ themeId: first.theme.id }))).toEqual([ids.a, ids.b, ids.d]);
    expect(mine(await walk({ questionId: other.question.id }))).toEqual([ids.c, ids.e]);
    expect(mine(await walk({ profile: "salarie" }))).toEqual([ids.b]);
    expect(mine(await walk({ territoryType: "rural" }))).toEqual([ids.b, ids.e]);
    expect(await walk({ territoryType: "rural", themeId: other.theme.id })).toEqual([ids.e]);
  });

  it("narrow by coding category: tagged whole or by an extract, each once, with the other filters", async () => {
    const code = async (body: Record<string, unknown>) => {
      const response = await coding(
        new Request("http://localhost/api/admin/coding", {
          method: "POST",
          headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        }),
        fakeContext(),
      );
      expect(response.status, await response.clone().text()).toBe(200);
    };
    await code({ action: "tag", contributionId: ids.a, add: ["solution", "obstacle"] });
    // An extract of d in « solution », and d tagged whole with it too: still listed once.
    const { rows } = await db.query<{ body: string }>("select body from public.contributions where id = $1", [ids.d]);
    const passage = "Des horaires plus larges";
    const start = Array.from(rows[0]!.body.slice(0, rows[0]!.body.indexOf(passage))).length;
    await code({
      action: "extract",
      contributionId: ids.d,
      categoryId: "solution",
      start,
      end: start + passage.length,
      text: passage,
    });
    await code({ action: "tag", contributionId: ids.d, add: ["solution"] });
    await code({ action: "tag", contributionId: ids.e, add: ["question"] });
    expect(await walk({ text: ids.tag as string, categoryId: "solution" }, 1)).toEqual([ids.a, ids.d]);
    expect(await walk({ text: ids.tag as string, categoryId: "obstacle" })).toEqual([ids.a]);
    expect(await walk({ text: ids.tag as string, categoryId: "solution", themeId: other.theme.id })).toEqual([]);
    expect(await walk({ text: ids.tag as string, categoryId: "question", territoryType: "rural" })).toEqual([ids.e]);
    expect(await walk({ text: ids.tag as string, categoryId: "exemple" })).toEqual([]);
  });

  it("search the words without case or accents, in the text and the pseudonym", async () => {
    expect(await walk({ text: `ecole` }, 1)).toEqual(expect.arrayContaining([ids.a, ids.b, ids.e]));
    const withTag = await walk({ text: "ÉCOLE" }, 1);
    expect(withTag.filter((id) => [ids.a, ids.b, ids.e, ids.c, ids.d].includes(id))).toEqual([ids.a, ids.b, ids.e]);
    expect(await walk({ text: `  emilie ` })).toEqual([ids.d]);
    expect(await walk({ text: "COEUR" })).toEqual([ids.d]);
    expect(await walk({ text: ids.tag as string, themeId: first.theme.id }, 1)).toEqual([ids.a, ids.b, ids.d]);
    // Wildcards of LIKE are plain characters here.
    expect(await walk({ text: "%" })).toEqual([]);
  });

  it("keep the cursor right under the filters: every matching item once, in order, whatever the page size", async () => {
    const all = await walk({ text: ids.tag as string }, 50);
    expect(all).toEqual([ids.a, ids.b, ids.c, ids.d, ids.e]);
    for (const limit of [1, 2, 3]) {
      expect(await walk({ text: ids.tag as string, territoryType: "small-town" }, limit)).toEqual([
        ids.a,
        ids.c,
        ids.d,
      ]);
    }
  });

  it("builds the same query string the island sends, without the empty filters", () => {
    const params = queueSearchParams({
      type: "initiative",
      status: "pending",
      limit: 50,
      filters: { themeId: first.theme.id, profile: "", text: "  atelier " },
    });
    expect(params.toString()).toBe("type=initiative&status=pending&limit=50&text=atelier");
  });

  it("refuses, in French, a filter that does not exist or cannot apply", async () => {
    const refused = async (params: Record<string, string>) => {
      const { status, body } = await page(params);
      expect(status, JSON.stringify(params)).toBe(400);
      return body.issues;
    };
    expect(await refused({ themeId: "pas-un-theme" })).toEqual([
      { path: "themeId", message: queueFilterMessages.themeId },
    ]);
    expect(await refused({ profile: "astronaute" })).toEqual([
      { path: "profile", message: queueFilterMessages.profile },
    ]);
    expect(await refused({ territoryType: "lune" })).toEqual([
      { path: "territoryType", message: queueFilterMessages.territoryType },
    ]);
    expect(await refused({ text: "x".repeat(201) })).toEqual([{ path: "text", message: queueFilterMessages.text }]);
    expect(await refused({ themeId: first.theme.id, questionId: other.question.id })).toEqual([
      { path: "questionId", message: queueFilterMessages.questionOfTheme },
    ]);
    expect(await refused({ type: "initiative", themeId: first.theme.id })).toEqual([
      { path: "themeId", message: queueFilterMessages.contributionOnly },
    ]);
    expect(await refused({ categoryId: "pas-une-categorie" })).toEqual([
      { path: "categoryId", message: queueFilterMessages.categoryId },
    ]);
    expect(await refused({ type: "initiative", categoryId: "solution" })).toEqual([
      { path: "categoryId", message: queueFilterMessages.contributionOnly },
    ]);
  });
});
