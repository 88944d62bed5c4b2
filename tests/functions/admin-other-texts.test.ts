/**
 * GET and POST /api/admin/other-texts through real Request objects on PGlite:
 * the « Autre, précisez » texts a citizen gave with a closed question wait
 * pending; only a moderator lists them and publishes or rejects them (a
 * rejection names its reason); a bad request says why in French and writes
 * nothing.
 */
import type { PGlite } from "@electric-sql/pglite";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import otherTexts from "../../netlify/functions/admin-other-texts";
import choiceAnswers from "../../netlify/functions/choice-answers";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import { fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-les-tests-0123";
let db: PGlite;

const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });
const list = (query = "", headers: Record<string, string> = auth()) =>
  otherTexts(new Request(`http://localhost/api/admin/other-texts${query}`, { headers }), fakeContext());
const decide = (body: unknown, headers: Record<string, string> = auth()) =>
  otherTexts(
    new Request("http://localhost/api/admin/other-texts", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );
const stateOf = async (id: string) =>
  (
    await db.query<{ other_status: string; other_reason: string | null }>(
      "select other_status, other_reason from public.choice_answers where id = $1",
      [id],
    )
  ).rows[0];
const events = async () =>
  Number(
    (
      await db.query<{ n: number }>(
        "select count(*)::int as n from public.moderation_events where subject_type = 'choice_answer'",
      )
    ).rows[0]?.n,
  );

async function answerWithOther(other: string): Promise<string> {
  const response = await choiceAnswers(
    jsonRequest(
      "/api/choice-answers",
      {
        themeId: "ancrage-territorial",
        questionId: "principal-frein",
        options: ["autre"],
        otherText: other,
        pseudonym: `Camille ${crypto.randomUUID().slice(0, 8)}`,
        profile: "habitant",
        postalCode: "23000",
        communeCode: "23096",
        website: "",
      },
      { "Idempotency-Key": crypto.randomUUID() },
    ),
    fakeContext({}, `198.51.100.${Math.floor(Math.random() * 250)}`),
  );
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});

beforeEach(async () => {
  await db.exec("delete from public.rate_limit_hits");
});

describe("/api/admin/other-texts", () => {
  it("demands a moderator: 401 without a token or with a wrong one, on GET and POST, and writes nothing", async () => {
    const id = await answerWithOther("Le bruit des voisins");
    for (const response of [
      await list("", {}),
      await list("", auth(`${TOKEN}x`)),
      await decide({ id, decision: "publish" }, {}),
      await decide({ id, decision: "publish" }, auth("faux")),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: "unauthorized",
        message: expect.stringContaining("Connectez-vous"),
      });
    }
    expect(await stateOf(id)).toEqual({ other_status: "pending", other_reason: null });
  });

  it("lists the pending texts with their question's title; publish moves one to the published list", async () => {
    const id = await answerWithOther("Le manque de transports en commun");
    const pending = await list();
    expect(pending.status).toBe(200);
    const body = await pending.json();
    const item = body.items.find((entry: { id: string }) => entry.id === id);
    expect(item).toMatchObject({
      id,
      themeId: "ancrage-territorial",
      questionId: "principal-frein",
      questionTitle: expect.stringMatching(/\S/),
      text: "Le manque de transports en commun",
      pseudonym: expect.stringMatching(/^Camille /),
      status: "pending",
      createdAt: expect.any(String),
      moderatedAt: null,
    });
    expect(item.questionTitle).not.toBe("principal-frein");
    expect(body.counts.pending).toBeGreaterThanOrEqual(1);

    const published = await decide({ id, decision: "publish" });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ id, changed: true });
    const after = await (await list("?status=published")).json();
    expect(after.items.map((entry: { id: string }) => entry.id)).toContain(id);
    expect((await (await list()).json()).items.map((entry: { id: string }) => entry.id)).not.toContain(id);
  });

  it("rejects only with a reason (400 in French, nothing written), then with one", async () => {
    const id = await answerWithOther("Texte hors sujet");
    const before = await events();
    const missing = await decide({ id, decision: "reject" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: "invalid_input",
      issues: [{ path: "reasonCode", message: "Choisissez la raison du rejet." }],
    });
    const otherWithout = await decide({ id, decision: "reject", reasonCode: "other" });
    expect((await otherWithout.json()).issues).toEqual([
      { path: "reasonText", message: "Précisez la raison du rejet (« Autre raison »)." },
    ]);
    expect(await stateOf(id)).toEqual({ other_status: "pending", other_reason: null });
    expect(await events()).toBe(before);

    const rejected = await decide({ id, decision: "reject", reasonCode: "off-topic" });
    expect(rejected.status).toBe(200);
    expect(await stateOf(id)).toEqual({ other_status: "rejected", other_reason: "Hors sujet" });
    expect(await events()).toBe(before + 1);
  });

  it("answers 400 with a French message per field for a bad id, decision or status, 404 for an unknown id", async () => {
    const before = await events();
    const bad = await decide({ id: "pas-un-uuid", decision: "garder" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toEqual(
      expect.arrayContaining([
        { path: "id", message: "Cet identifiant de réponse n'est pas valide." },
        { path: "decision", message: "Choisissez « Publier » ou « Rejeter »." },
      ]),
    );
    const status = await list("?status=flagged");
    expect(status.status).toBe(400);
    expect((await status.json()).issues).toEqual([
      { path: "status", message: "Choisissez une file : en attente, publiées ou rejetées." },
    ]);
    const unknown = await decide({ id: crypto.randomUUID(), decision: "publish" });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toContain("« Autre »");
    expect(
      (
        await otherTexts(
          new Request("http://localhost/api/admin/other-texts", { method: "DELETE", headers: auth() }),
          fakeContext(),
        )
      ).status,
    ).toBe(405);
    expect(await events()).toBe(before);
  });
});
