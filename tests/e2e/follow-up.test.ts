/**
 * Closing the loop, in real Chromium, on `npm start` over a throwaway
 * PostgreSQL cluster and a real SMTP server on loopback (smtp-server):
 * a citizen sends an answer with their address and consent, their tracking
 * link says « en attente »; a moderator rejects it with a reason (the admin
 * API of the running server) while the SMTP server holds the message's DATA
 * unanswered, and the whole server is killed (SIGKILL) mid-send, then
 * started again; the link shows the reason, and exactly one message with
 * that reason reaches the SMTP server. Another answer is
 * published, then answered by an official response published in a batch:
 * one message per contributor, none more when the batch is sent again, the
 * response on the tracking page and, after the rebuild, on the permalink.
 * (`npm run mail:send` killed mid-send, and two senders at once: tests/db/mail-crash.ts.)
 */
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { frForms } from "../../src/domain/messages.fr";
import { frTracking } from "../../src/domain/tracking";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { GUERET } from "./support/api";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, launchBrowser, visit, WatchedPages, waitEnabled } from "./support/browser";
import { type PgCluster, startCluster } from "./support/postgres";
import { MODERATOR_TOKEN, type SiteServer, startServer, waitUntil } from "./support/server";

const unavailable = browserUnavailable();
const text = frTracking.page;

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("closing the loop", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("closing the loop with each contributor (Chromium, PostgreSQL, SMTP)", () => {
    let cluster: PgCluster | undefined;
    let server: SiteServer | undefined;
    let smtp: TestSmtpServer;
    let serverEnv: Record<string, string>;
    let browser: Browser;
    let skipReason: string | undefined;
    const pages = new WatchedPages(() => browser);

    beforeAll(async () => {
      browser = await launchBrowser();
      smtp = await startSmtpServer();
      const started = await startCluster();
      if ("unavailable" in started) {
        if (process.env.CI) throw new Error(`CI: the follow-up journey needs PostgreSQL: ${started.unavailable}`);
        skipReason = started.unavailable;
        console.warn(`[e2e] SKIPPED: the follow-up journey needs PostgreSQL: ${skipReason}`);
        return;
      }
      cluster = started;
      serverEnv = {
        DATABASE_URL: cluster.url,
        HASH_SALT: randomBytes(32).toString("hex"),
        MODERATOR_TOKEN,
        SMTP_URL: smtp.url,
        MAIL_FROM: "Mission Coworking <ne-pas-repondre@mission.example.fr>",
      };
      server = await startServer({ label: "e2e-follow-up", env: serverEnv });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await cluster?.destroy();
      await smtp?.close();
    });

    afterEach(() => pages.closeAll());

    /** Sends an answer through the question page's form; returns its tracking link. */
    async function answer(page: Page, body: string, email: string): Promise<string> {
      const theme = themes[0]!;
      const question = theme.questions[0]!;
      const formId = `reponse-${question.id}`;
      await visit(page, `${server!.origin}/themes/${theme.id}/${question.id}/`);
      await page.locator(`#${formId}-body`).fill(body);
      await page.locator(`#${formId}-pseudonym`).fill("Alix");
      await page.locator(`#${formId}-profile`).selectOption("habitant");
      await page.locator(`#${formId}-postalCode`).fill(GUERET.postalCode);
      await page.locator(`#${formId}-communeCode`).waitFor();
      await page.locator(`#${formId}-communeCode`).selectOption(GUERET.communeCode);
      await page.locator(`#${formId}-email`).fill(email);
      await page.locator(`#${formId}-contactConsent`).check();
      const submit = page.getByRole("button", { name: frForms.submit.answer });
      await waitEnabled(submit);
      await submit.click();
      const receipt = page.getByRole("region", { name: frTracking.receipt.title });
      await receipt.waitFor();
      return (await receipt.getByRole("link").getAttribute("href")) ?? "";
    }

    async function admin(path: string, body: unknown): Promise<Record<string, unknown>> {
      const response = await fetch(`${server!.origin}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${MODERATOR_TOKEN}` },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    }

    const to = (index: number) => {
      const mail = smtp.received[index];
      return Array.isArray(mail?.to) ? mail?.to[0]?.text : mail?.to?.text;
    };

    it("rejected with a reason: the link shows it and exactly one e-mail carries it, though the server died mid-send", async (context) => {
      if (skipReason || !cluster || !server) {
        context.skip(`PostgreSQL could not be started: ${skipReason ?? "unknown reason"}`);
        return;
      }
      const mark = randomBytes(4).toString("hex");
      const body = `Réponse ${mark} : un lieu partagé manque au bourg, le plus proche est à quarante minutes.`;
      const email = `rejet-${mark}@exemple.fr`;
      const { page } = await pages.open();
      const link = await answer(page, body, email);
      await page.goto(link);
      await page.getByRole("heading", { name: text.status.pending }).waitFor();
      const [row] = await cluster.query<{ id: string }>("select id from public.contributions where body = $1", [body]);
      const id = row!.id;

      // The decision's own delivery run reaches the SMTP server, which reads the message and
      // never answers; the decision answers all the same; then the whole server dies.
      const before = smtp.received.length;
      smtp.holdData = true;
      const held = smtp.nextHold();
      await admin("/api/admin/decisions", {
        type: "contribution",
        ids: [id],
        decision: "reject",
        reasonCode: "other",
        reasonText: `texte ${mark} sans lien avec la consultation`,
      });
      await held;
      await server.kill();
      smtp.holdData = false;
      const outbox = () =>
        cluster!.query<{ attempts: number; sent: boolean }>(
          "select attempts, sent_at is not null as sent from public.email_outbox where subject_ref = $1",
          [id],
        );
      expect(await outbox()).toEqual([{ attempts: 1, sent: false }]);
      expect(smtp.received).toHaveLength(before);

      // Its claim's lease (two minutes) passes, instead of waiting for it; the server, started
      // again on the same database, sends what is due as it starts.
      await cluster.query(
        "update public.email_outbox set lease_until = now() - interval '1 second' where subject_ref = $1",
        [id],
      );
      const crashed = server;
      server = await startServer({ label: "e2e-follow-up", env: serverEnv });
      await crashed.stop();
      await smtp.waitFor(before + 1, 30_000);
      expect(await outbox()).toEqual([{ attempts: 2, sent: true }]);
      // Nothing more arrives on the next runs (the decision's own run sent it; the schedule finds nothing due).
      await new Promise((done) => setTimeout(done, 2_000));
      const mine = smtp.received.filter((mail) => mail.text?.includes(mark));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.text).toContain(`Raison indiquée : Autre raison : texte ${mark} sans lien avec la consultation.`);
      expect(to(smtp.received.indexOf(mine[0]!))).toBe(email);

      const tracking = new URL(link);
      await page.goto(`${server.origin}${tracking.pathname}${tracking.search}${tracking.hash}`);
      await page.getByRole("heading", { name: text.status.rejected }).waitFor();
      expect(await page.getByText(`Autre raison : texte ${mark} sans lien avec la consultation`).count()).toBe(1);
      const violations = await runAxe(page);
      expect(violations, describeViolations("/suivi/ (rejected)", violations)).toEqual([]);
    });

    it("an official response published in a batch reaches each contributor once, on the link and the permalink", async (context) => {
      if (skipReason || !cluster || !server) {
        context.skip(`PostgreSQL could not be started: ${skipReason ?? "unknown reason"}`);
        return;
      }
      const mark = randomBytes(4).toString("hex");
      const { page } = await pages.open();
      const bodies = [0, 1].map(
        (n) => `Proposition ${mark}-${n} : ouvrir le tiers-lieu le samedi pour les travailleurs indépendants.`,
      );
      const emails = [0, 1].map((n) => `reponse-${mark}-${n}@exemple.fr`);
      const links = [await answer(page, bodies[0]!, emails[0]!), await answer(page, bodies[1]!, emails[1]!)];
      const ids: string[] = [];
      for (const body of bodies) {
        const [row] = await cluster.query<{ id: string }>("select id from public.contributions where body = $1", [
          body,
        ]);
        ids.push(row!.id);
      }
      await admin("/api/admin/decisions", { type: "contribution", ids, decision: "publish" });
      const drafted = (await admin("/api/admin/responses", {
        action: "draft",
        status: "integree",
        body: `Réponse ${mark} : reprise dans la recommandation n° 7 du rapport.`,
        contributionIds: ids,
      })) as { response: { id: string } };
      const before = smtp.received.filter((mail) => mail.text?.includes("a répondu")).length;
      const published = (await admin("/api/admin/responses", { action: "publish", ids: [drafted.response.id] })) as {
        published: string[];
      };
      expect(published.published).toEqual([drafted.response.id]);
      const answered = () =>
        smtp.received.filter((mail) => mail.text?.includes(`recommandation n° 7`) && mail.text?.includes(mark));
      await waitUntil(async () => answered().length >= 2, 15_000, "two response e-mails");
      // The batch again: nothing more published, nothing more sent.
      expect(
        (
          (await admin("/api/admin/responses", { action: "publish", ids: [drafted.response.id] })) as {
            published: string[];
          }
        ).published,
      ).toEqual([]);
      await new Promise((done) => setTimeout(done, 2_000));
      expect(answered()).toHaveLength(2);
      expect(
        answered()
          .map((mail) => (Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text))
          .sort(),
      ).toEqual([...emails].sort());
      expect(smtp.received.filter((mail) => mail.text?.includes("a répondu")).length).toBe(before + 2);

      await page.goto(links[0]!);
      await page
        .getByRole("heading", { name: "Réponse de la mission : Intégrée à une recommandation" })
        .waitFor({ timeout: 15_000 });

      // The permalink shows it once the in-process rebuild is done.
      await waitUntil(
        async () => {
          const response = await fetch(`${server!.origin}/contributions/${ids[0]}/`);
          return response.ok && (await response.text()).includes(`recommandation n° 7 du rapport`);
        },
        180_000,
        "the permalink shows the official response after the rebuild",
      );
      await visit(page, `${server.origin}/contributions/${ids[0]}/`);
      const violations = await runAxe(page);
      expect(violations, describeViolations("permalink with a response", violations)).toEqual([]);
    });
  });
}
