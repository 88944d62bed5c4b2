/**
 * Accessibility of every page type, in real Chromium, with axe-core (WCAG
 * 2.1 A and AA, and axe's best practices): reading pages, the action pages
 * with their forms open and in their error states, the moderation space
 * signed out and signed in, and the home and a question page at 390 px.
 * Zero violations expected; a failure lists each violation's rule, impact,
 * help and first elements, so that a developer can fix it.
 *
 * Each page is also watched for console errors, CSP violations and page
 * errors (support/browser.ts).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, hydrateIslands, launchBrowser, visit, WatchedPages, waitEnabled } from "./support/browser";
import { MODERATOR_TOKEN, type SiteServer, startServer } from "./support/server";

const unavailable = browserUnavailable();
const theme = themes[0]!;
const question = theme.questions[0]!;
const themePath = `/themes/${theme.id}/`;
const questionPath = `/themes/${theme.id}/${question.id}/`;
/** Pages other engineers may add; checked when the server has them. */
const OPTIONAL_PAGES = ["/synthese/", "/donnees/", "/recherche/"];
const MOBILE = { width: 390, height: 844 };

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("Accessibility (axe-core in Chromium)", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("Accessibility (axe-core in Chromium)", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const url = (path: string) => `${server.origin}${path}`;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer({ label: "e2e-a11y" }), launchBrowser()]);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    afterEach(() => pages.closeAll());

    /**
     * Runs axe on the page as it is, prints the result, and expects no
     * violation; softly, so that a test goes on to its next state (a form
     * opened, an error shown) and reports them all.
     */
    async function expectAccessible(page: Page, label: string): Promise<void> {
      const violations = await runAxe(page);
      const report = describeViolations(label, violations);
      if (violations.length > 0) console.log(report);
      expect.soft(violations, report).toEqual([]);
    }

    /** The first link whose href starts with `prefix` (and is not `except`), as a path. */
    async function firstLink(page: Page, prefix: string, except: string[] = []): Promise<string> {
      const hrefs = await page
        .locator(`a[href^="${prefix}"]`)
        .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
      const href = hrefs.find((candidate) => !except.includes(candidate));
      if (!href) throw new Error(`no link starting with ${prefix} on ${page.url()}`);
      return href;
    }

    describe("reading pages", () => {
      const readingPages: [string, string][] = [
        ["home", "/"],
        ["la mission", "/mission/"],
        ["themes index", "/themes/"],
        [`theme page (${theme.id})`, themePath],
        ["initiatives directory", "/initiatives/"],
        ["agenda", "/agenda/"],
        ["press", "/presse/"],
        ["legal notice", "/mentions-legales/"],
        ["personal data", "/donnees-personnelles/"],
        ["accessibility statement", "/accessibilite/"],
        ["site map", "/plan-du-site/"],
      ];
      it.each(readingPages)("%s (%s)", async (label, path) => {
        const { page } = await pages.open();
        await visit(page, url(path));
        await expectAccessible(page, label);
      });

      it("a press release", async () => {
        const { page } = await pages.open();
        await visit(page, url("/presse/"));
        const release = await firstLink(page, "/presse/", ["/presse/", "/presse/rss.xml"]);
        await visit(page, url(release));
        await expectAccessible(page, `press release ${release}`);
      });

      it("the 404 page", async () => {
        const watched = await pages.open();
        // Chromium logs the page's own 404 status as a console error: expected here.
        watched.allowConsole(/status of 404/);
        await visit(watched.page, url("/cette-page-n-existe-pas/"), 404);
        await expectAccessible(watched.page, "404");
      });

      it.each(OPTIONAL_PAGES)("%s, when the site has it", async (path) => {
        const status = (await fetch(url(path), { method: "HEAD" })).status;
        if (status === 404) {
          console.log(`[e2e] ${path} does not exist on this build: not checked.`);
          return;
        }
        const { page } = await pages.open();
        await visit(page, url(path));
        await expectAccessible(page, path);
      });
    });

    describe("action pages", () => {
      it("a question page with its answer form", async () => {
        const { page } = await pages.open();
        await visit(page, url(questionPath));
        await waitEnabled(page.getByRole("button", { name: "Envoyer ma réponse" }));
        await expectAccessible(page, "question page");
      });

      it("the question page in its error state (empty submit)", async () => {
        const { page } = await pages.open();
        await visit(page, url(questionPath));
        await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
        await page.locator(".error-summary").waitFor();
        await expectAccessible(page, "question page, errors shown");
      });

      it("/initiatives/proposer/ in its error state", async () => {
        const { page } = await pages.open();
        await visit(page, url("/initiatives/proposer/"));
        await expectAccessible(page, "/initiatives/proposer/");
        await page.getByRole("button", { name: "Proposer ce lieu" }).click();
        await page.locator(".error-summary").waitFor();
        await expectAccessible(page, "/initiatives/proposer/, errors shown");
      });

      it("a permalink with its reactions, reply form, open flag form, and the reply form in error", async () => {
        const { page } = await pages.open();
        await visit(page, url(themePath));
        const permalink = await firstLink(page, "/contributions/");
        await visit(page, url(permalink));
        await waitEnabled(page.locator(".reactions button").first());
        await expectAccessible(page, `permalink ${permalink}`);

        await page.getByRole("button", { name: "Signaler un abus" }).first().click();
        await page.locator(".flag-form").first().waitFor();
        await expectAccessible(page, `permalink ${permalink}, flag form open`);

        const reply = page.locator(".reply-area form");
        await reply.getByRole("button", { name: "Envoyer ma réponse" }).click();
        await reply.locator(".error-summary").waitFor();
        await expectAccessible(page, `permalink ${permalink}, reply form in error`);
      });
    });

    describe("the tracking page", () => {
      it("/suivi/ without a link, then with an unknown one", async () => {
        const watched = await pages.open();
        // An unknown link is the API's 404, which Chromium logs: expected here.
        watched.allowConsole(/status of 404/);
        const { page } = watched;
        await visit(page, url("/suivi/"));
        await page.getByRole("heading", { name: "Retrouver un envoi" }).waitFor();
        await expectAccessible(page, "/suivi/ without a link");
        await page.getByLabel("Lien de suivi").fill(`${server.origin}/suivi/#${"x".repeat(43)}`);
        await page.keyboard.press("Enter");
        await page.locator(".form-notice-warning").waitFor();
        await expectAccessible(page, "/suivi/ with an unknown link");
      });
    });

    describe("moderation", () => {
      it("/moderation/ signed out", async () => {
        const { page } = await pages.open();
        await visit(page, url("/moderation/"));
        await page.getByLabel("Jeton de modération").waitFor();
        await expectAccessible(page, "moderation, signed out");
      });

      it("/moderation/ signed in, with the queue and a rejection form open", async () => {
        const { page } = await pages.open();
        await visit(page, url("/moderation/"));
        await page.getByLabel("Jeton de modération").fill(MODERATOR_TOKEN);
        await page.getByRole("button", { name: "Se connecter" }).click();
        await page.locator(".mod-item").first().waitFor();
        await expectAccessible(page, "moderation, signed in (pending queue)");

        await page
          .locator(".mod-item")
          .first()
          .getByRole("button", { name: /^Rejeter/ })
          .click();
        await page.locator(".mod-item .reject-form").first().waitFor();
        await expectAccessible(page, "moderation, rejection form open");

        await page
          .locator(".mod-item .reject-form")
          .first()
          .getByRole("button", { name: /^Confirmer le rejet/ })
          .click();
        await page.locator(".mod-item .reject-form .error-summary").first().waitFor();
        await expectAccessible(page, "moderation, rejection form in error");
      });
    });

    describe("at 390 px (mobile)", () => {
      it("the home page", async () => {
        const { page } = await pages.open({ viewport: MOBILE });
        await visit(page, url("/"));
        await expectAccessible(page, "home at 390 px");
        await expectNoHorizontalScroll(page);
      });

      it("a question page, and its error state", async () => {
        const { page } = await pages.open({ viewport: MOBILE });
        await visit(page, url(questionPath));
        await expectAccessible(page, "question page at 390 px");
        await expectNoHorizontalScroll(page);
        await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
        await page.locator(".error-summary").waitFor();
        await hydrateIslands(page);
        await expectAccessible(page, "question page at 390 px, errors shown");
        await expectNoHorizontalScroll(page);
      });
    });
  });
}

/** WCAG 1.4.10 (reflow): nothing wider than the 390 px viewport. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
  expect(
    overflow.scrollWidth,
    `horizontal scroll at 390 px; too wide: ${overflow.wide.join(", ")}`,
  ).toBeLessThanOrEqual(overflow.width);
}
