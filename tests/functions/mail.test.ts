/**
 * E-mail to contributors, end to end on PGlite and a real SMTP server on
 * loopback: a decision queues the message in its transaction and sends it
 * at once over SMTP_URL; exactly one per contact, kind and subject; the
 * reason of a rejection in the text; a one-click unsubscribe that works and
 * cannot be forged; a dead SMTP server delays, never loses; a 550 gives up.
 */
import type { PGlite } from "@electric-sql/pglite";
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import decisions from "../../netlify/functions/admin-decisions";
import contributions from "../../netlify/functions/contributions";
import initiatives from "../../netlify/functions/initiatives";
import unsubscribe from "../../netlify/functions/unsubscribe";
import { sendDueMail } from "../../src/server/mail/sender";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, initiative, jsonRequest, memoryStore } from "../support/pglite-store";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

const TOKEN = "jeton-de-moderation-pour-les-tests-0123";
let db: PGlite;
let smtp: TestSmtpServer;

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
beforeEach(() => {
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("MAIL_FROM", "Mission Coworking <ne-pas-repondre@mission.example.fr>");
  vi.stubEnv("SITE_URL", "https://consultation.example.fr");
  smtp.received.length = 0;
  smtp.refuse.clear();
});
afterEach(() => vi.unstubAllEnvs());

async function submitted(email: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await contributions(
    jsonRequest("/api/contributions", answer({ email, contactConsent: email !== "", ...overrides })),
    fakeContext({}, `198.51.100.${Math.floor(Math.random() * 250)}`),
  );
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

const decide = async (body: Record<string, unknown>) => {
  const response = await decisions(
    new Request("http://localhost/api/admin/decisions", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );
  expect(response.status).toBe(200);
  return response.json();
};

const outbox = async (subject: string) =>
  (
    await db.query<{
      kind: string;
      attempts: number;
      sent_at: string | null;
      sent_via: string | null;
      cancelled_at: string | null;
      last_error: string | null;
    }>(
      "select kind, attempts, sent_at, sent_via, cancelled_at, last_error from public.email_outbox where subject_ref = $1 order by created_at",
      [subject],
    )
  ).rows;

/** A header as the SMTP server received it (mailparser also parses List-* headers into objects). */
const header = (mail: ParsedMail, name: string) =>
  (mail.headerLines.find((line) => line.key === name)?.line ?? "").replace(/^[^:]+:\s*/, "");

describe("a decision sends its message at once, over SMTP", () => {
  it("rejects with a reason: one message with that reason, an unsubscribe link, the outbox row's Message-ID", async () => {
    const id = await submitted("camille@exemple.fr");
    await decide({
      type: "contribution",
      ids: [id],
      decision: "reject",
      reasonCode: "off-topic",
      reasonText: "sans lien avec le coworking",
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toMatchObject({ text: "camille@exemple.fr" });
    expect(mail?.from?.text).toContain("ne-pas-repondre@mission.example.fr");
    expect(mail?.subject).toContain("n'a pas été publiée");
    expect(mail?.text).toContain("Raison indiquée : Hors sujet : sans lien avec le coworking.");
    expect(mail?.text).toMatch(/https:\/\/consultation\.example\.fr\/desinscription\/#c=[0-9a-f-]{36}&t=[0-9a-f]{64}/);
    expect(header(mail as ParsedMail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail?.messageId).toMatch(/^<outbox-[0-9a-f-]{36}@consultation\.example\.fr>$/);
    expect(await outbox(id)).toEqual([
      expect.objectContaining({ kind: "rejected", attempts: 1, sent_via: "smtp", sent_at: expect.anything() }),
    ]);
  });

  it("publishes: the permalink, once; publishing again after a return to review sends nothing more", async () => {
    const id = await submitted("dominique@exemple.fr");
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toContain("est publiée");
    expect(mail?.text).toContain(`https://consultation.example.fr/contributions/${id}/`);
    await db.query("select public.moderate($1::jsonb)", [
      JSON.stringify({ subject_type: "contribution", ids: [id], decision: "reject", reason: "Doublon", actor: "test" }),
    ]);
    await db.query("select public.moderate($1::jsonb)", [
      JSON.stringify({ subject_type: "contribution", ids: [id], decision: "publish", actor: "test" }),
    ]);
    await sendDueMail(2_000);
    expect(smtp.received.map((m) => m.subject)).toEqual([
      mail?.subject,
      expect.stringContaining("n'a pas été publiée"),
    ]);
    expect((await outbox(id)).map((row) => row.kind)).toEqual(["published", "rejected"]);
  });

  it("names an initiative by its name and links to its page", async () => {
    const response = await initiatives(
      jsonRequest(
        "/api/initiatives",
        initiative({ email: "sam@exemple.fr", contactConsent: true, name: "La Ruche de Guéret" }),
      ),
      fakeContext({}, "198.51.100.77"),
    );
    const { id } = await response.json();
    await decide({ type: "initiative", ids: [id], decision: "publish" });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.text).toContain("l'initiative « La Ruche de Guéret »");
    expect(mail?.text).toContain(`https://consultation.example.fr/initiatives/${id}/`);
  });

  it("sends nothing to someone who left no address", async () => {
    const id = await submitted("");
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    await sendDueMail(1_000);
    expect(smtp.received).toEqual([]);
    expect(await outbox(id)).toEqual([]);
  });
});

describe("the theme's synthesis", () => {
  it("tells each address that contributed to the theme once, at the first publication only", async () => {
    const themeId = "modeles-economiques";
    const overrides = { themeId, questionId: "mutualiser" };
    const ids = [
      await submitted("lou@exemple.fr", overrides),
      await submitted("LOU@exemple.fr", overrides),
      await submitted("sasha@exemple.fr", overrides),
      await submitted("autre-theme@exemple.fr"),
    ];
    await db.query("select public.moderate($1::jsonb)", [
      JSON.stringify({ subject_type: "contribution", ids, decision: "publish", actor: "test" }),
    ]);
    await sendDueMail(3_000);
    smtp.received.length = 0;
    const { store } = await import("../../src/server/store/open-store").then((m) => m.getStore());
    await store.saveSynthesis({ themeId, body: "## Synthèse\n\nCe que disent les participants.", actor: "test" });
    await sendDueMail(3_000);
    const sent = smtp.received.map((mail) => (Array.isArray(mail.to) ? "" : mail.to?.text?.toLowerCase())).sort();
    expect(sent).toEqual(["lou@exemple.fr", "sasha@exemple.fr"]);
    expect(smtp.received[0]?.text).toContain(`https://consultation.example.fr/themes/${themeId}/#synthese`);
    await store.saveSynthesis({ themeId, body: "## Synthèse\n\nVersion 2.", actor: "test" });
    await sendDueMail(1_000);
    expect(smtp.received).toHaveLength(2);
  });
});

describe("one-click unsubscribe", () => {
  const post = (url: string) =>
    unsubscribe(
      new Request(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
      fakeContext(),
    );

  it("stops the messages of that contact only, from the List-Unsubscribe address; a forged token does nothing", async () => {
    const first = await submitted("alix@exemple.fr");
    await decide({ type: "contribution", ids: [first], decision: "reject", reasonCode: "duplicate" });
    const [mail] = await smtp.waitFor(1);
    const listUnsubscribe = /<([^>]+)>/.exec(header(mail as ParsedMail, "list-unsubscribe"))?.[1] as string;
    const url = new URL(listUnsubscribe);
    expect(url.pathname).toBe("/api/desinscription");

    const forged = new URL(url);
    forged.searchParams.set("t", "0".repeat(64));
    const refused = await post(`http://localhost${forged.pathname}${forged.search}`);
    expect(refused.status).toBe(404);
    expect((await refused.json()).message).toContain("n'est plus valable");
    const incomplete = await post("http://localhost/api/desinscription?c=abc");
    expect(incomplete.status).toBe(400);
    expect((await incomplete.json()).issues[0].message).toContain("copiez-le en entier");
    expect((await unsubscribe(new Request(`http://localhost${url.pathname}${url.search}`), fakeContext())).status).toBe(
      405,
    );

    const stopped = await post(`http://localhost${url.pathname}${url.search}`);
    expect(stopped.status).toBe(200);
    expect(await stopped.json()).toEqual({ stopped: true });
    expect((await post(`http://localhost${url.pathname}${url.search}`)).status).toBe(200);
    // The same person's contribution is now published: nothing is sent.
    await db.query("select public.moderate($1::jsonb)", [
      JSON.stringify({ subject_type: "contribution", ids: [first], decision: "publish", actor: "test" }),
    ]);
    await sendDueMail(1_000);
    expect(smtp.received).toHaveLength(1);
  });
});

describe("failures", () => {
  it("a dead SMTP server delays the message (the decision still answers), then it goes once the server is back", async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
    const id = await submitted("noe@exemple.fr");
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    expect(await outbox(id)).toEqual([
      expect.objectContaining({
        attempts: 1,
        sent_at: null,
        cancelled_at: null,
        last_error: expect.stringMatching(/ECONNREFUSED|connect/),
      }),
    ]);
    // Not due again before its delay: a second run sends nothing, and does not count an attempt.
    await sendDueMail(1_000);
    expect((await outbox(id))[0]?.attempts).toBe(1);

    const back = await startSmtpServer(port);
    try {
      await db.query("update public.email_outbox set next_attempt_at = now() where subject_ref = $1", [id]);
      await sendDueMail(2_000);
      expect(back.received).toHaveLength(1);
      expect(await outbox(id)).toEqual([expect.objectContaining({ attempts: 2, sent_via: "smtp", last_error: null })]);
    } finally {
      await back.close();
    }
  });

  it("an SMTP server that never answers the message does not hold the decision's answer; the message stays due", async () => {
    const stalled = await startSmtpServer();
    stalled.holdData = true;
    const held = stalled.nextHold();
    vi.stubEnv("SMTP_URL", stalled.url);
    const id = await submitted("lea@exemple.fr");
    // The decision answers although the server sits on the message's DATA (nodemailer would wait 30 s).
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    await held;
    expect(stalled.received).toHaveLength(0);
    expect(await outbox(id)).toEqual([expect.objectContaining({ attempts: 1, sent_at: null, cancelled_at: null })]);
    // The server goes away mid-send: the send fails, and the message waits for its next attempt.
    await stalled.close();
    await vi.waitFor(async () => expect((await outbox(id))[0]?.last_error).toBeTruthy(), { timeout: 10_000 });
    expect(await outbox(id)).toEqual([expect.objectContaining({ attempts: 1, sent_at: null, cancelled_at: null })]);
  });

  it("a 550 for the address gives up at once and keeps the error for the team", async () => {
    smtp.refuse.add("inconnu@exemple.fr");
    const id = await submitted("inconnu@exemple.fr");
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    expect(await outbox(id)).toEqual([
      expect.objectContaining({
        sent_at: null,
        cancelled_at: expect.anything(),
        last_error: expect.stringContaining("550"),
      }),
    ]);
    expect(smtp.received).toEqual([]);
  });

  it("with no SMTP_URL, the message is written to the log and counts as sent", async () => {
    vi.stubEnv("SMTP_URL", "");
    const logged = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const id = await submitted("log@exemple.fr");
      await decide({ type: "contribution", ids: [id], decision: "publish" });
      expect(logged.mock.calls.map(([line]) => String(line)).join("\n")).toMatch(
        /\[mail\] \(no SMTP_URL: not sent\) To: log@exemple\.fr\nSubject: .*est publiée/,
      );
      expect(await outbox(id)).toEqual([expect.objectContaining({ sent_via: "log" })]);
      expect(smtp.received).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });
});
