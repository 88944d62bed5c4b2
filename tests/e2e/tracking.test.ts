/**
 * The private tracking link, in real Chromium, on a server over a throwaway
 * PostgreSQL cluster the test reads directly: an answer is sent through the
 * question page's form, the receipt shows the link, the link opens /suivi/
 * « en attente », the text is corrected (by keyboard), then withdrawn, and
 * the row and its private contact are gone from the database. The tracking
 * page passes axe and fits 320 px.
 */
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { frForms } from "../../src/domain/messages.fr";
import { frTracking } from "../../src/domain/tracking";
import { GUERET } from "./support/api";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, launchBrowser, visit, WatchedPages, waitEnabled } from "./support/browser";
import { type PgCluster, startCluster } from "./support/postgres";
import { MODERATOR_TOKEN, type SiteServer, startServer } from "./support/server";

const unavailable = browserUnavailable();
const text = frTracking.page;

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("the tracking link", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("the tracking link (Chromium, PostgreSQL)", () => {
    let cluster: PgCluster | undefined;
    let server: SiteServer | undefined;
    let browser: Browser;
    let skipReason: string | undefined;
    const pages = new WatchedPages(() => browser);

    beforeAll(async () => {
      browser = await launchBrowser();
      const started = await startCluster();
      if ("unavailable" in started) {
        if (process.env.CI) throw new Error(`CI: the tracking journey needs PostgreSQL: ${started.unavailable}`);
        skipReason = started.unavailable;
        console.warn(`[e2e] SKIPPED: the tracking journey needs PostgreSQL: ${skipReason}`);
        return;
      }
      cluster = started;
      server = await startServer({
        label: "e2e-tracking",
        env: { DATABASE_URL: cluster.url, HASH_SALT: randomBytes(32).toString("hex"), MODERATOR_TOKEN },
      });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await cluster?.destroy();
    });

    afterEach(() => pages.closeAll());

    it("submit → receipt → « en attente » → correct → withdraw: the row and the contact are gone", async (context) => {
      if (skipReason || !cluster || !server) {
        context.skip(`PostgreSQL could not be started: ${skipReason ?? "unknown reason"}`);
        return;
      }
      const db = cluster;
      const theme = themes[0]!;
      const question = theme.questions[0]!;
      const formId = `reponse-${question.id}`;
      const mark = randomBytes(4).toString("hex");
      const body = `Réponse suivie ${mark} : le local coûte cher et la connexion manque encore au bourg.`;
      const email = `suivi-${mark}@exemple.fr`;
      const watched = await pages.open();
      // A withdrawn link answers 404 at the end, which Chromium logs: expected.
      watched.allowConsole(/status of 404/);
      const { page } = watched;

      await visit(page, `${server.origin}/themes/${theme.id}/${question.id}/`);
      await page.locator(`#${formId}-body`).fill(body);
      await page.locator(`#${formId}-pseudonym`).fill("Camille suivie");
      await page.locator(`#${formId}-profile`).selectOption("habitant");
      await page.locator(`#${formId}-postalCode`).fill(GUERET.postalCode);
      await page.locator(`#${formId}-communeCode`).waitFor();
      await page.locator(`#${formId}-communeCode`).selectOption(GUERET.communeCode);
      await page.locator(`#${formId}-email`).fill(email);
      await page.locator(`#${formId}-contactConsent`).check();
      const submit = page.getByRole("button", { name: frForms.submit.answer });
      await waitEnabled(submit);
      await submit.click();

      // The receipt: a link to /suivi/ with the secret in the fragment, and a print button.
      const receipt = page.getByRole("region", { name: frTracking.receipt.title });
      await receipt.waitFor();
      await receipt.getByRole("button", { name: frTracking.receipt.print }).waitFor();
      const href = (await receipt.getByRole("link").getAttribute("href")) ?? "";
      expect(href).toMatch(new RegExp(`^${server.origin}/suivi/#[A-Za-z0-9_-]{43}$`));
      const [row] = await db.query<{ id: string; tracking_hash: string }>(
        "select id, tracking_hash from public.contributions where body = $1",
        [body],
      );
      expect(row?.tracking_hash).toMatch(/^[0-9a-f]{64}$/);
      const id = row!.id;
      expect(await db.query("select id from public.private_contacts where email = $1", [email])).toHaveLength(1);

      // The link: « en attente », at 320 px, without axe violations.
      await page.setViewportSize({ width: 320, height: 800 });
      const suivi = page.waitForResponse((response) => response.url().endsWith("/api/suivi"));
      await page.goto(href);
      const lookup = await suivi;
      // The secret goes in the body, never in the address.
      expect(lookup.url()).toBe(`${server.origin}/api/suivi`);
      await page.getByRole("heading", { name: text.status.pending }).waitFor();
      expect(await page.getByText(body).count()).toBe(1);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, "no horizontal scroll at 320 px").toBeLessThanOrEqual(320);
      const violations = await runAxe(page);
      expect(violations, describeViolations("/suivi/ (pending)", violations)).toEqual([]);

      // Correct, with the keyboard only.
      await page.getByRole("button", { name: text.correct }).focus();
      await page.keyboard.press("Enter");
      const field = page.getByLabel(frForms.fields.answerBody);
      await field.waitFor();
      const corrected = `Réponse corrigée ${mark} : le prix du local pèse plus lourd que la connexion, finalement.`;
      await field.focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type(corrected);
      await page.getByRole("button", { name: text.correctSubmit }).focus();
      await page.keyboard.press("Enter");
      await page.getByText(text.corrected).waitFor();
      expect(await db.query("select body from public.contributions where id = $1", [id])).toEqual([
        { body: corrected },
      ]);
      expect(
        await db.query("select action from public.moderation_events where subject_id = $1 order by id", [id]),
      ).toEqual([{ action: "submitted" }, { action: "corrected" }]);

      // Withdraw, after the confirmation.
      await page.getByRole("button", { name: text.withdraw }).click();
      await page.getByText(text.withdrawContact).waitFor();
      const violationsConfirm = await runAxe(page);
      expect(violationsConfirm, describeViolations("/suivi/ (withdrawal)", violationsConfirm)).toEqual([]);
      await page.getByRole("button", { name: text.withdrawConfirm }).click();
      await page.getByRole("heading", { name: text.status.withdrawn }).waitFor();

      expect(await db.query("select id from public.contributions where id = $1", [id])).toEqual([]);
      expect(await db.query("select id from public.private_contacts where email = $1", [email])).toEqual([]);
      expect(
        await db.query("select action, reason from public.moderation_events where subject_id = $1 order by id", [id]),
      ).toEqual([
        { action: "submitted", reason: null },
        { action: "corrected", reason: null },
        { action: "withdrawn", reason: null },
      ]);

      // The same link now leads nowhere, with the same words as an unknown one.
      await page.reload();
      await page.getByRole("heading", { name: text.askTitle }).waitFor();
    });
  });
}
