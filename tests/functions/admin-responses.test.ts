/**
 * Official responses through /api/admin/responses on PGlite and a real SMTP
 * server on loopback: drafts refused in French for an unknown status, an
 * unpublished or already answered contribution; a draft changed; a batch
 * published at once, logged, public, and each answered contributor who
 * asked for e-mail told exactly once, even when the batch is sent again.
 */
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import responses from "../../netlify/functions/admin-responses";
import contributions from "../../netlify/functions/contributions";
import { sendDueMail } from "../../src/server/mail/sender";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import type { Store } from "../../src/server/store/store";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

const TOKEN = "jeton-de-moderation-pour-les-tests-0123";
let db: PGlite;
let store: Store;
let smtp: TestSmtpServer;

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  store = fresh.store;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
afterEach(() => vi.unstubAllEnvs());

const call = (method: "GET" | "POST", body?: unknown, token: string | null = TOKEN) =>
  responses(
    new Request("http://localhost/api/admin/responses", {
      method,
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    fakeContext(),
  );

async function contribution(email: string, publish = true): Promise<string> {
  const response = await contributions(
    jsonRequest("/api/contributions", answer({ email, contactConsent: email !== "" })),
    fakeContext({}, `198.51.100.${Math.floor(Math.random() * 250)}`),
  );
  const { id } = await response.json();
  if (publish) await store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "test" });
  return id;
}

describe("/api/admin/responses", () => {
  it("demands a moderator; refuses a bad draft with a French message per field", async () => {
    expect((await call("GET", undefined, null)).status).toBe(401);
    const bad = await call("POST", { action: "draft", status: "peut-etre", body: "", contributionIds: ["x"] });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["body", "contributionIds.0"]));
    const unknownStatus = await call("POST", {
      action: "draft",
      status: "peut-etre",
      body: "Merci.",
      contributionIds: [crypto.randomUUID()],
    });
    expect((await unknownStatus.json()).issues).toEqual([
      { path: "status", message: "Choisissez le statut de la réponse." },
    ]);
    const pending = await contribution("", false);
    const notPublished = await call("POST", {
      action: "draft",
      status: "retenue",
      body: "Merci.",
      contributionIds: [pending],
    });
    expect(notPublished.status).toBe(400);
    expect((await notPublished.json()).issues[0].message).toContain(pending);
  });

  it("drafts, changes, publishes a batch once: logged, public, one message per answered contributor", async () => {
    vi.stubEnv("SMTP_URL", smtp.url);
    vi.stubEnv("SITE_URL", "https://consultation.example.fr");
    smtp.received.length = 0;
    const [a, b, c] = [
      await contribution("alix@exemple.fr"),
      await contribution("noe@exemple.fr"),
      await contribution(""),
    ];
    await sendDueMail(3_000);
    await smtp.waitFor(2); // the two « publiée » messages
    smtp.received.length = 0;

    const first = await (
      await call("POST", {
        action: "draft",
        status: "integree",
        body: "Reprise dans la recommandation n° 4.",
        contributionIds: [a, b],
      })
    ).json();
    const group = first.response;
    expect(group).toMatchObject({ status: "integree", contributionIds: [a, b].sort(), publishedAt: null });
    // Answered already by a draft: refused for another response.
    const taken = await call("POST", { action: "draft", status: "retenue", body: "Autre.", contributionIds: [b] });
    expect((await taken.json()).issues[0].message).toContain(b);
    const changed = await (
      await call("POST", {
        action: "draft",
        id: group.id,
        status: "integree",
        body: "Reprise dans la recommandation n° 5.",
        contributionIds: [a, b],
      })
    ).json();
    expect(changed.response.body).toBe("Reprise dans la recommandation n° 5.");
    const single = (
      await (
        await call("POST", { action: "draft", status: "hors-champ", body: "Hors du champ.", contributionIds: [c] })
      ).json()
    ).response;
    expect((await store.publishedResponses()).length).toBe(0);

    const published = await call("POST", { action: "publish", ids: [group.id, single.id] });
    expect(published.status).toBe(200);
    expect((await published.json()).published.sort()).toEqual([group.id, single.id].sort());
    const mails = await smtp.waitFor(2);
    expect(mails.map((mail) => (Array.isArray(mail.to) ? "" : mail.to?.text)).sort()).toEqual([
      "alix@exemple.fr",
      "noe@exemple.fr",
    ]);
    expect(mails[0]?.text).toContain("Statut : Intégrée à une recommandation.");
    expect(mails[0]?.text).toContain("Reprise dans la recommandation n° 5.");

    // The batch again: nothing more published, nothing more sent.
    expect((await (await call("POST", { action: "publish", ids: [group.id, single.id] })).json()).published).toEqual(
      [],
    );
    const edit = await call("POST", {
      action: "draft",
      id: group.id,
      status: "retenue",
      body: "x",
      contributionIds: [a],
    });
    expect(edit.status).toBe(404);
    expect(smtp.received).toHaveLength(2);

    const publicRows = await store.publishedResponses();
    expect(publicRows.map((row) => row.id).sort()).toEqual([group.id, single.id].sort());
    expect(publicRows.every((row) => row.drafted_by === undefined)).toBe(true);
    const log = await db.query<{ action: string; n: number }>(
      "select action, count(*)::int as n from public.moderation_events where subject_type = 'response' group by action order by action",
    );
    expect(log.rows).toEqual([
      { action: "response_drafted", n: 3 },
      { action: "response_published", n: 2 },
    ]);
    const listed = (await (await call("GET")).json()).responses;
    expect(listed).toHaveLength(2);
  });
});
