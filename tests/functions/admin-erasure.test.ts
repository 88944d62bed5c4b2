/**
 * Erasure on request through POST /api/admin/erasure on PGlite: moderators
 * only; a French message per field; the preview lists what the address is
 * linked to (whatever its case); the erasure removes the contacts and their
 * pending e-mail, keeps the texts, and logs the moderator without the
 * address; erasing again finds nothing.
 */
import type { PGlite } from "@electric-sql/pglite";
import { beforeAll, describe, expect, it } from "vitest";
import erasure from "../../netlify/functions/admin-erasure";
import contributions from "../../netlify/functions/contributions";
import initiatives from "../../netlify/functions/initiatives";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, initiative, jsonRequest, memoryStore } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-les-tests-0123";
let db: PGlite;

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});

const post = (body: unknown, token: string | null = TOKEN) =>
  erasure(
    new Request("http://localhost/api/admin/erasure", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );

async function created(fn: typeof contributions, path: string, payload: Record<string, unknown>): Promise<string> {
  const response = await fn(
    jsonRequest(path, payload),
    fakeContext({}, `198.51.100.${Math.floor(Math.random() * 250)}`),
  );
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

describe("POST /api/admin/erasure", () => {
  it("demands a moderator and a valid request, in French", async () => {
    expect((await post({ email: "a@exemple.fr", action: "preview" }, null)).status).toBe(401);
    const bad = await post({ email: "pas-une-adresse", action: "effacer" });
    expect(bad.status).toBe(400);
    const { issues } = await bad.json();
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "email", message: expect.stringContaining("adresse électronique") },
        { path: "action", message: expect.stringContaining("Rechercher") },
      ]),
    );
  });

  it("previews, erases the contacts and their pending e-mail, keeps the texts, logs who without the address", async () => {
    const email = "Camille.Martin@Exemple.fr";
    const answerId = await created(contributions, "/api/contributions", answer({ email, contactConsent: true }));
    const initiativeId = await created(
      initiatives as typeof contributions,
      "/api/initiatives",
      initiative({ email: email.toLowerCase(), contactConsent: true }),
    );
    const other = await created(
      contributions,
      "/api/contributions",
      answer({ email: "autre@exemple.fr", contactConsent: true }),
    );
    await db.query("select public.moderate($1::jsonb)", [
      JSON.stringify({ subject_type: "contribution", ids: [answerId, other], decision: "publish", actor: "test" }),
    ]);
    const queued = await db.query<{ n: number }>("select count(*)::int as n from public.email_outbox");
    expect(queued.rows[0]?.n).toBe(2);

    const preview = await post({ email: "camille.martin@exemple.fr", action: "preview" });
    expect(preview.status).toBe(200);
    expect((await preview.json()).contacts).toEqual([
      expect.objectContaining({
        subjectType: "contribution",
        subjectId: answerId,
        status: "published",
        pseudonym: "Camille",
      }),
      expect.objectContaining({ subjectType: "initiative", subjectId: initiativeId, status: "pending" }),
    ]);

    const erased = await post({ email: "camille.martin@exemple.fr", action: "erase" });
    expect(await erased.json()).toEqual({ erased: 2 });
    const left = await db.query<{ email: string }>("select email from public.private_contacts");
    expect(left.rows).toEqual([{ email: "autre@exemple.fr" }]);
    const outbox = await db.query<{ subject_ref: string }>("select subject_ref from public.email_outbox");
    expect(outbox.rows).toEqual([{ subject_ref: other }]);
    const texts = await db.query<{ status: string }>("select status from public.contributions where id = $1", [
      answerId,
    ]);
    expect(texts.rows).toEqual([{ status: "published" }]);
    const log = await db.query<{ actor: string; reason: string; line: string }>(
      "select actor, reason, row_to_json(e)::text as line from public.moderation_events e where action = 'erased' order by id",
    );
    expect(log.rows.map(({ actor, reason }) => ({ actor, reason }))).toEqual([
      { actor: "moderateur-local", reason: `contribution ${answerId}` },
      { actor: "moderateur-local", reason: `initiative ${initiativeId}` },
    ]);
    expect(log.rows.every((row) => !row.line.toLowerCase().includes("camille.martin"))).toBe(true);

    expect(await (await post({ email, action: "erase" })).json()).toEqual({ erased: 0 });
    expect((await (await post({ email, action: "preview" })).json()).contacts).toEqual([]);
  });
});
