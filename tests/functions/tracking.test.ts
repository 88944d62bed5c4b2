/**
 * The private tracking link through real Request objects, on an in-memory
 * PGlite database migrated like production: the 201 of a submission gives
 * the secret (the same on a replay), POST /api/suivi reads, corrects and
 * withdraws by it, and every wrong link gets the same French 404.
 */
import type { PGlite } from "@electric-sql/pglite";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import contributions from "../../netlify/functions/contributions";
import initiatives from "../../netlify/functions/initiatives";
import tracking from "../../netlify/functions/tracking";
import { fr } from "../../src/domain/messages.fr";
import { frTrackingApi, secretFrom, trackingBody, trackingUrl, withdrawnBody } from "../../src/domain/tracking";
import { provideStore } from "../../src/server/store/open-store";
import { trackingHash } from "../../src/server/use-cases/tracking";
import { answer, fakeContext, initiative, jsonRequest, memoryStore } from "../support/pglite-store";

let db: PGlite;
const submit = async (body: unknown, key = crypto.randomUUID()) => {
  const response = await contributions(
    jsonRequest("/api/contributions", body, { "Idempotency-Key": key }),
    fakeContext(),
  );
  return { response, body: await response.json(), key };
};
const track = (body: unknown, ip?: string) => tracking(jsonRequest("/api/suivi", body), fakeContext({}, ip));
const rows = async (sql: string, params: unknown[] = []) => (await db.query<Record<string, unknown>>(sql, params)).rows;

beforeAll(async () => {
  const fresh = await memoryStore({ submission_max: 1000, tracking_max: 8 });
  db = fresh.db;
  provideStore(fresh.opened);
});

beforeEach(async () => {
  await db.exec("delete from public.rate_limit_hits");
});

describe("the receipt of a submission", () => {
  it("gives a secret once, stores only its SHA-256, and the same secret to a replay of the same key", async () => {
    const payload = answer();
    const first = await submit(payload);
    expect(first.response.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), status: "pending", trackingSecret: expect.any(String) });
    const secret = first.body.trackingSecret as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await rows("select * from public.contributions where id = $1", [first.body.id]);
    expect(row?.tracking_hash).toBe(trackingHash(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const replay = await submit(payload, first.key);
    expect(replay.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
  });

  it("gives an initiative a link of its own, apart from a contribution sent under the same key", async () => {
    const key = crypto.randomUUID();
    const contribution = await submit(answer(), key);
    const response = await initiatives(
      jsonRequest("/api/initiatives", initiative(), { "Idempotency-Key": key }),
      fakeContext(),
    );
    const body = await response.json();
    expect(response.status).toBe(201);
    expect(body.trackingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.trackingSecret).not.toBe(contribution.body.trackingSecret);
    const read = trackingBody.parse(await (await track({ secret: body.trackingSecret })).json());
    expect(read.submission).toMatchObject({ kind: "initiative", status: "pending", editable: true, body: null });
  });

  it("finds the secret in a pasted link, a fragment or a secret cut over two lines", () => {
    const secret = "a".repeat(43);
    expect(secretFrom(trackingUrl("https://exemple.fr", secret))).toBe(secret);
    expect(secretFrom(`#${secret}`)).toBe(secret);
    expect(secretFrom(`${secret.slice(0, 20)}\n${secret.slice(20)}`)).toBe(secret);
    expect(secretFrom("https://exemple.fr/suivi/#trop-court")).toBeUndefined();
  });
});

describe("POST /api/suivi", () => {
  it("200: shows a pending answer, its text and that a contact is kept, never the contact or a hash", async () => {
    const { body } = await submit(answer({ email: "lea@exemple.fr", contactConsent: true }));
    const response = await track({ secret: body.trackingSecret });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const text = await response.text();
    expect(text).not.toContain("lea@exemple.fr");
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    const { submission } = trackingBody.parse(JSON.parse(text));
    expect(submission).toMatchObject({
      kind: "answer",
      status: "pending",
      editable: true,
      themeId: "ancrage-territorial",
      questionId: "freins-rencontres",
      hasContact: true,
      permalink: null,
      reason: null,
    });
  });

  it("200: a published answer gives its permalink, a published reply its anchor, a rejected one the logged reason", async () => {
    const parent = await submit(answer());
    await db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [
      parent.body.id,
    ]);
    const published = trackingBody.parse(await (await track({ secret: parent.body.trackingSecret })).json());
    expect(published.submission).toMatchObject({
      status: "published",
      editable: false,
      permalink: `/contributions/${parent.body.id}/`,
    });

    const reply = await submit({
      ...answer(),
      themeId: undefined,
      questionId: undefined,
      parentId: parent.body.id,
      stance: "for",
    });
    expect(reply.response.status).toBe(201);
    await db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [
      reply.body.id,
    ]);
    const readReply = trackingBody.parse(await (await track({ secret: reply.body.trackingSecret })).json());
    expect(readReply.submission).toMatchObject({
      kind: "reply",
      stance: "for",
      permalink: `/contributions/${parent.body.id}/#reponse-${reply.body.id}`,
    });

    // A reply to that reply reads at its anchor in the answer's page, the only page of the thread.
    const nested = await submit({
      ...answer(),
      themeId: undefined,
      questionId: undefined,
      parentId: reply.body.id,
      stance: "against",
      body: "Une réponse à la réponse, qui reste dans le fil de la contribution de départ.",
    });
    expect(nested.response.status).toBe(201);
    await db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [
      nested.body.id,
    ]);
    const readNested = trackingBody.parse(await (await track({ secret: nested.body.trackingSecret })).json());
    expect(readNested.submission).toMatchObject({
      kind: "reply",
      permalink: `/contributions/${parent.body.id}/#reponse-${nested.body.id}`,
    });

    const rejected = await submit(answer());
    await db.query(
      "select public.moderate(jsonb_build_object('subject_type', 'contribution', 'ids', jsonb_build_array($1::text), 'decision', 'reject', 'reason', 'Hors sujet : la question porte sur les freins.', 'actor', 'test'))",
      [rejected.body.id],
    );
    const readRejected = trackingBody.parse(await (await track({ secret: rejected.body.trackingSecret })).json());
    expect(readRejected.submission).toMatchObject({
      status: "rejected",
      editable: false,
      reason: "Hors sujet : la question porte sur les freins.",
      decidedAt: expect.any(String),
    });
  });

  it("404 in French, alike for an unknown, a malformed and a missing secret", async () => {
    const answers = await Promise.all(
      [{ secret: "x".repeat(43) }, { secret: "court" }, {}, { secret: 42 }, { action: "withdraw" }].map(
        async (body) => {
          const response = await track(body);
          return { status: response.status, body: await response.json() };
        },
      ),
    );
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 404,
        body: { error: "not_found", message: frTrackingApi.notFound, issues: [] },
      });
    }
  });

  it("never reads the secret from the address", async () => {
    const { body } = await submit(answer());
    const request = new Request(`http://localhost/api/suivi?secret=${body.trackingSecret}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect((await tracking(request, fakeContext())).status).toBe(404);
    expect((await tracking(new Request("http://localhost/api/suivi"), fakeContext())).status).toBe(405);
  });

  it("429 after tracking_max requests from one network, even with the right link", async () => {
    const { body } = await submit(answer());
    const ip = "198.51.100.42";
    for (let i = 0; i < 8; i++) expect((await track({ secret: "y".repeat(43) }, ip)).status).toBe(404);
    const limited = await track({ secret: body.trackingSecret }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another network is not held back.
    expect((await track({ secret: body.trackingSecret }, "198.51.100.43")).status).toBe(200);
  });

  it("corrects a pending answer with the form's schema and messages, and logs it without the text", async () => {
    const { body } = await submit(answer());
    const tooShort = await track({ action: "correct", secret: body.trackingSecret, body: "Trop court" });
    expect(tooShort.status).toBe(400);
    expect((await tooShort.json()).issues).toEqual([{ path: "body", message: fr.body.tooShort(20) }]);

    const text = "Le frein principal, à bien y réfléchir, est le prix du local plus que la connexion.";
    const corrected = await track({ action: "correct", secret: body.trackingSecret, body: `  ${text}  ` });
    expect(corrected.status).toBe(200);
    expect(trackingBody.parse(await corrected.json()).submission).toMatchObject({ body: text, status: "pending" });
    expect(await rows("select body from public.contributions where id = $1", [body.id])).toEqual([{ body: text }]);
    expect(
      await rows("select action, actor, reason from public.moderation_events where subject_id = $1 order by id", [
        body.id,
      ]),
    ).toEqual([
      { action: "submitted", actor: "citizen", reason: null },
      { action: "corrected", actor: "citizen", reason: null },
    ]);
  });

  it("corrects a pending initiative with the initiative form's messages", async () => {
    const response = await initiatives(jsonRequest("/api/initiatives", initiative()), fakeContext());
    const { trackingSecret, id } = await response.json();
    const invalid = await track({
      action: "correct",
      secret: trackingSecret,
      name: "x",
      kind: "fablab",
      description: "court",
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).issues.map((issue: { path: string }) => issue.path)).toEqual(["name", "description"]);
    const corrected = await track({
      action: "correct",
      secret: trackingSecret,
      name: "Atelier du bourg",
      kind: "makerspace",
      description: "Un atelier ouvert aux habitants, avec des machines partagées et des soirées d'initiation.",
    });
    expect(corrected.status).toBe(200);
    expect(await rows("select name, kind, url, opening_year from public.initiatives where id = $1", [id])).toEqual([
      { name: "Atelier du bourg", kind: "makerspace", url: null, opening_year: null },
    ]);
  });

  it("409 for a correction or a withdrawal once the moderators decided", async () => {
    const { body } = await submit(answer());
    await db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [
      body.id,
    ]);
    for (const action of ["correct", "withdraw"]) {
      const response = await track({
        action,
        secret: body.trackingSecret,
        body: "Un texte corrigé après la publication, qui ne doit pas passer.",
      });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: "not_editable", message: frTrackingApi.notEditable });
    }
  });

  it("withdraws a pending answer: its row and its contact are gone, one log line stays, the link then 404s", async () => {
    const { body } = await submit(answer({ email: "retrait@exemple.fr", contactConsent: true }));
    const response = await track({ action: "withdraw", secret: body.trackingSecret });
    expect(response.status).toBe(200);
    expect(withdrawnBody.parse(await response.json())).toEqual({ withdrawn: true, contactErased: true });
    expect(await rows("select id from public.contributions where id = $1", [body.id])).toEqual([]);
    expect(await rows("select id from public.private_contacts where email = 'retrait@exemple.fr'")).toEqual([]);
    expect(
      await rows("select action, reason from public.moderation_events where subject_id = $1 order by id", [body.id]),
    ).toEqual([
      { action: "submitted", reason: null },
      { action: "withdrawn", reason: null },
    ]);
    expect((await track({ secret: body.trackingSecret })).status).toBe(404);
    expect((await track({ action: "withdraw", secret: body.trackingSecret })).status).toBe(404);
  });
});
