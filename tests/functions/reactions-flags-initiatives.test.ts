/**
 * POST /api/initiatives, /api/contributions/:id/reactions and /flags, and
 * the 503 every endpoint gives when the store is unreachable.
 */
import type { PGlite } from "@electric-sql/pglite";
import { beforeAll, describe, expect, it } from "vitest";
import contributions from "../../netlify/functions/contributions";
import flags from "../../netlify/functions/flags";
import initiatives from "../../netlify/functions/initiatives";
import reactions from "../../netlify/functions/reactions";
import { fr } from "../../src/domain/messages.fr";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, initiative, jsonRequest, memoryStore } from "../support/pglite-store";

let db: PGlite;
const count = async (table: string) =>
  Number((await db.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]?.n);
const token = () => crypto.randomUUID().replace(/-/g, "");

async function publishedContribution(): Promise<string> {
  const { id } = await (await contributions(jsonRequest("/api/contributions", answer()), fakeContext())).json();
  await db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [id]);
  return id;
}

const react = (id: string, body: unknown) =>
  reactions(jsonRequest(`/api/contributions/${id}/reactions`, body), fakeContext({ id }));
const flag = (id: string, body: unknown) =>
  flags(jsonRequest(`/api/contributions/${id}/flags`, body), fakeContext({ id }));

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  provideStore(fresh.opened);
});

describe("POST /api/contributions/:id/reactions", () => {
  it("201 with the counts, then 409 for a second reaction by the same person, whatever its kind", async () => {
    const id = await publishedContribution();
    const voter = token();
    const first = await react(id, { kind: "support", voterToken: voter });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ contributionId: id, kind: "support", counts: { support: 1, disagree: 0 } });
    for (const kind of ["support", "disagree"]) {
      const again = await react(id, { kind, voterToken: voter });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ error: "already_reacted", message: expect.stringContaining("déjà") });
    }
    expect(await (await react(id, { kind: "disagree", voterToken: token() })).json()).toMatchObject({
      counts: { support: 1, disagree: 1 },
    });
    // Only the salted hash of the token is stored.
    const stored = await db.query<{ voter_hash: string }>(
      "select voter_hash from public.reactions where contribution_id = $1",
      [id],
    );
    expect(stored.rows.map((row) => row.voter_hash)).not.toContain(voter);
  });

  it("404 for a pending, unknown or malformed contribution id; 400 for a bad kind or token", async () => {
    const { id: pending } = await (
      await contributions(jsonRequest("/api/contributions", answer()), fakeContext())
    ).json();
    expect((await react(pending, { kind: "support", voterToken: token() })).status).toBe(404);
    expect((await react(crypto.randomUUID(), { kind: "support", voterToken: token() })).status).toBe(404);
    expect((await react("pas-un-id", { kind: "support", voterToken: token() })).status).toBe(404);
    const id = await publishedContribution();
    const bad = await (await react(id, { kind: "love", voterToken: "court" })).json();
    expect(bad.issues.map((issue: { path: string }) => issue.path)).toEqual(["kind", "voterToken"]);
    expect(await count("reactions")).toBe(2);
  });
});

describe("POST /api/contributions/:id/flags", () => {
  it("201, then 409 for the same person; logged for the moderators; never a public row", async () => {
    const id = await publishedContribution();
    const voter = token();
    const first = await flag(id, { reason: "advertising", details: "Lien publicitaire", voterToken: voter });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ flagged: true });
    expect((await flag(id, { reason: "other", voterToken: voter })).status).toBe(409);
    const log = await db.query(
      "select action, reason from public.moderation_events where subject_id = $1 and action = 'flagged'",
      [id],
    );
    expect(log.rows).toEqual([{ action: "flagged", reason: "advertising" }]);
  });

  it("400 for details made only of invisible characters, and nothing written; empty details are fine", async () => {
    const id = await publishedContribution();
    const before = await count("flags");
    const response = await flag(id, { reason: "other", details: "\u200B\u2060\u200D", voterToken: token() });
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: "details", message: fr.flagDetailsInvisible }]);
    expect(await count("flags")).toBe(before);
    expect((await flag(id, { reason: "other", details: "", voterToken: token() })).status).toBe(201);
  });

  it("400 for an unknown reason or details over 500 characters", async () => {
    const id = await publishedContribution();
    const response = await flag(id, { reason: "boring", details: "x".repeat(501), voterToken: token() });
    expect(response.status).toBe(400);
    expect((await response.json()).issues.map((issue: { path: string }) => issue.path)).toEqual(["reason", "details"]);
  });
});

describe("POST /api/initiatives", () => {
  const post = (body: unknown, key = crypto.randomUUID()) =>
    initiatives(jsonRequest("/api/initiatives", body, { "Idempotency-Key": key }), fakeContext());

  it("201 pending, the same answer on a retry, 409 for the same place twice by the same person", async () => {
    const payload = initiative();
    const key = crypto.randomUUID();
    const first = await post(payload, key);
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toEqual({ id: expect.any(String), status: "pending", trackingSecret: expect.any(String) });
    const before = await count("initiatives");
    expect(await (await post(payload, key)).json()).toEqual(body);
    const duplicate = await post(payload);
    expect(duplicate.status).toBe(409);
    expect((await duplicate.json()).message).toContain("déjà signalé ce lieu");
    expect(await count("initiatives")).toBe(before);
    const row = (
      await db.query("select kind, commune_name, opening_year, url from public.initiatives where id = $1", [body.id])
    ).rows[0];
    expect(row).toEqual({
      kind: "fablab",
      commune_name: "Guéret",
      opening_year: 2016,
      url: "https://atelier.example.org",
    });
  });

  it("400 per field, in French", async () => {
    const response = await post(initiative({ name: "", kind: "bar", url: "javascript:alert(1)", openingYear: 1789 }));
    expect(response.status).toBe(400);
    const paths = (await response.json()).issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(["name", "kind", "url", "openingYear"]);
  });
});

describe("POST /api/initiatives: text as people read it", () => {
  const post = (body: unknown) =>
    initiatives(jsonRequest("/api/initiatives", body, { "Idempotency-Key": crypto.randomUUID() }), fakeContext());

  it("400 with a French message per field, and nothing written", async () => {
    const before = await count("initiatives");
    const response = await post(
      initiative({
        name: "\u202ELe Hub\u202C",
        description: "\u2060".repeat(30),
        url: "https://user:pass@atelier.example.org/",
        pseudonym: "\u200B\u200D",
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([
      { path: "name", message: fr.initiative.nameBidi },
      { path: "description", message: fr.initiative.descriptionInvisible },
      { path: "url", message: fr.initiative.websiteCredentials },
      { path: "pseudonym", message: fr.pseudonym.invisible },
    ]);
    const invisibleName = await post(
      initiative({ name: "\u200B\uFEFF\u200B", url: "https://user@atelier.example.org" }),
    );
    expect((await invisibleName.json()).issues).toEqual([
      { path: "name", message: fr.initiative.nameInvisible },
      { path: "url", message: fr.initiative.websiteCredentials },
    ]);
    expect(await count("initiatives")).toBe(before);
  });

  it("201 with the text stored in NFC, and a description of 1,000 emoji", async () => {
    const response = await post(
      initiative({ name: "Le cafe\u0301 numérique", description: "🌳".repeat(1000), pseudonym: "Zoe\u0308" }),
    );
    expect(response.status).toBe(201);
    const { id } = await response.json();
    const row = (
      await db.query(
        "select name, pseudonym, char_length(description) as length from public.initiatives where id = $1",
        [id],
      )
    ).rows[0];
    expect(row).toEqual({ name: "Le café numérique", pseudonym: "Zoë", length: 1000 });
  });
});

describe("503 when the store is unreachable", () => {
  it("on every endpoint, with Retry-After and a message that says the text is kept", async () => {
    const down = await memoryStore();
    await down.db.close();
    provideStore(down.opened);
    const id = crypto.randomUUID();
    const responses = [
      await contributions(jsonRequest("/api/contributions", answer()), fakeContext()),
      await initiatives(jsonRequest("/api/initiatives", initiative()), fakeContext()),
      await react(id, { kind: "support", voterToken: token() }),
      await flag(id, { reason: "other", voterToken: token() }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("5");
      expect(await response.json()).toMatchObject({
        error: "store_unavailable",
        message: expect.stringContaining("conservé"),
      });
    }
  });
});
