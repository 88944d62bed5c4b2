/**
 * A closed question answered in real Chromium, against the site as `npm
 * start` serves it (support/server.ts): the citizen ticks an option, says
 * who they are and where they live, sends; with no moderation step, the
 * next rebuild (here the moderators' « Mettre à jour le site maintenant »,
 * POST /api/admin/rebuild) shows the count one higher on the theme page and
 * on /synthese/.
 */
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findQuestion } from "../../src/domain/consultation";
import { frForms } from "../../src/domain/messages.fr";
import { requestRebuild } from "./support/api";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, hydrateIslands, launchBrowser, visit, WatchedPages } from "./support/browser";
import { answerClosedQuestion } from "./support/choice-form";
import { type SiteServer, startServer, waitUntil } from "./support/server";

const unavailable = browserUnavailable();
/** A rebuild: about 10 s warm, a minute cold or on a busy machine. */
const REBUILD_TIMEOUT_MS = 180_000;

const THEME = "ancrage-territorial";
const QUESTION = "principal-frein";
const OPTION = "manque-de-locaux";

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("Closed questions in Chromium", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("Closed questions in Chromium", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const url = (path: string) => `${server.origin}${path}`;
    const label = findQuestion(THEME, QUESTION)?.options?.find((option) => option.id === OPTION)?.label ?? "";

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer({ label: "e2e-closed" }), launchBrowser()]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });
    afterEach(() => pages.closeAll());

    /** The count of the option in the data table of a built page's chart (the theme page or /synthese/). */
    async function countOn(path: string, scope: string): Promise<number> {
      const html = await (await fetch(url(path))).text();
      const block = new RegExp(`${scope}[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1] ?? "";
      const row = [...block.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].find(([, cells = ""]) =>
        cells.includes(label.replaceAll("'", "&#39;")),
      );
      return Number(/<td class="number">([^<]*)<\/td>/.exec(row?.[1] ?? "")?.[1]?.replace(/\D/g, "") ?? Number.NaN);
    }
    const onTheme = () => countOn(`/themes/${THEME}/`, `id="${QUESTION}"`);
    const onSummary = () => countOn("/synthese/", `aria-labelledby="fermee-${QUESTION}"`);

    it("passes axe on a closed question's form, with its errors shown, and on the theme page with its charts", async () => {
      const { page } = await pages.open();
      await visit(page, url(`/themes/${THEME}/${QUESTION}/`));
      await hydrateIslands(page);
      const check = async (label: string) => {
        const violations = await runAxe(page);
        expect(violations, describeViolations(label, violations)).toEqual([]);
      };
      await check("closed question");
      await page.locator("form.choice-form").getByRole("button", { name: frForms.submit.choice }).click();
      await page.getByRole("region", { name: /Le formulaire contient/ }).waitFor();
      await check("closed question, errors shown");
      await visit(page, url(`/themes/${THEME}/`));
      await check("theme page with its charts");
    });

    it("counts a choice made in the browser at the next rebuild, with no moderation step", {
      timeout: REBUILD_TIMEOUT_MS + 120_000,
    }, async () => {
      const [themeBefore, summaryBefore] = [await onTheme(), await onSummary()];
      expect(Number.isInteger(themeBefore), "the theme page tables the option's count").toBe(true);
      expect(summaryBefore).toBe(themeBefore);

      const { page } = await pages.open();
      await visit(page, url(`/themes/${THEME}/${QUESTION}/`));
      await hydrateIslands(page);
      const sent = await answerClosedQuestion(page, {
        question: findQuestion(THEME, QUESTION)?.title ?? "",
        option: label,
        pseudonym: `Dominique ${randomBytes(3).toString("hex")}`,
        profile: "habitant",
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ counted: true });
      expect(sent.success).toContain("prochaine mise à jour du site");

      // No moderator decision: the rebuild alone brings it to the pages.
      const rebuild = await requestRebuild(server.origin);
      expect(rebuild.status).toBe(200);
      const started = Date.now();
      await waitUntil(
        async () => (await onTheme()) === themeBefore + 1,
        REBUILD_TIMEOUT_MS,
        `the count of « ${label} » on /themes/${THEME}/ did not reach ${themeBefore + 1}`,
      );
      console.log(`[e2e] the choice showed ${((Date.now() - started) / 1000).toFixed(1)} s after the rebuild request`);
      expect(await onSummary()).toBe(summaryBefore + 1);
    });
  });
}
