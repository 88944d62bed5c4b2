/**
 * The moderation page as a work tool, in real Chromium against the site as
 * `npm start` serves it (support/server.ts), on the seeded data: its own
 * header (no public navigation; the session, the sign-out and the rebuild in
 * it), a link from each published item to its public page that resolves,
 * compact cards at 1280 px, the keyboard path through a card, axe, and no
 * horizontal scroll at 390 px.
 *
 * The card heights are a layout bound, not a timing: at 1280 px, with the
 * public layout and one fact per line, a card of the seed took 520 to 660 px
 * (557 px on average in « Contributions en attente », 562 px in « Publiées »);
 * the work layout brings them to about 235 px and 246 px (184 px for an
 * initiative), the longest 300 px.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { siteName } from "../../src/site";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, focusIndicator, launchBrowser, visit, WatchedPages } from "./support/browser";
import { MODERATOR_TOKEN, type SiteServer, startServer } from "./support/server";

const unavailable = browserUnavailable();

/** Half the mean height of a card before the work layout (557 px): every queue's mean stays under it. */
const MEAN_CARD_HEIGHT_MAX = 278;
/** No card of the seed is taller than this at 1280 px (the tallest measured: 296 px). */
const CARD_HEIGHT_MAX = 340;
const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 390, height: 844 };

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("The moderation page as a work tool", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("The moderation page as a work tool", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const url = (path: string) => `${server.origin}${path}`;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer({ label: "e2e-moderation" }), launchBrowser()]);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    afterEach(() => pages.closeAll());

    it("has its own header: no public navigation; the site's name, the title, then the session and sign-out", async () => {
      const { page } = await pages.open({ viewport: DESKTOP });
      await visit(page, url("/moderation/"));
      const banner = page.getByRole("banner");
      expect(await page.getByRole("navigation", { name: "Menu principal" }).count()).toBe(0);
      expect(await page.getByRole("search").count()).toBe(0);
      expect(await banner.getByRole("link", { name: siteName, exact: true }).getAttribute("href")).toBe("/");
      expect(await banner.getByRole("heading", { level: 1, name: "Modération" }).count()).toBe(1);

      // The skip link first, to the main content, as on every page.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Aller au contenu");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("contenu");

      await signIn(page, server.origin);
      // The moderator's tools are in the header, and the focus is on the session line there.
      expect(await page.evaluate(() => document.activeElement?.closest("header") !== null)).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Session : /);
      await banner.getByRole("button", { name: "Mettre à jour le site maintenant" }).waitFor();
      await banner.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByLabel("Jeton de modération").waitFor();
      expect(await banner.getByRole("button", { name: "Se déconnecter" }).count()).toBe(0);
      expect(await page.getByRole("navigation", { name: "Menu principal" }).count()).toBe(0);
    });

    it("links each published item to its public page, which answers 200 and opens in the same tab", async () => {
      const { page } = await pages.open({ viewport: DESKTOP });
      await signIn(page, server.origin);

      // Pending items have no public page yet: no link.
      await openQueue(page, "Contributions", "En attente");
      expect(await page.locator(".mod-queue .mod-item").count()).toBeGreaterThan(0);
      expect(
        await page
          .locator(".mod-queue .mod-item")
          .getByRole("link", { name: /^Page publique/ })
          .count(),
      ).toBe(0);

      for (const [group, prefix, noun] of [
        ["Contributions", "/contributions/", "la contribution de"],
        ["Initiatives", "/initiatives/", "l'initiative"],
      ] as const) {
        await openQueue(page, group, "Publiées");
        const first = page.locator(".mod-item").first();
        const id = (await first.locator("h3").getAttribute("id"))?.replace(/^moderation-item-|-title$/g, "");
        const link = first.getByRole("link", { name: new RegExp(`^Page publique de ${noun} `) });
        expect(await link.getAttribute("href")).toBe(`${prefix}${id}/`);
        expect(await link.getAttribute("target")).toBeNull();
        // Every published answer and initiative of the page has one (a reply shows on its thread's
        // page, which the queue does not name), and each resolves.
        const hrefs = await page
          .locator(".mod-queue .mod-item a.mod-public-link")
          .evaluateAll((links) => links.map((anchor) => anchor.getAttribute("href") ?? ""));
        const withPage = await page
          .locator(".mod-queue .mod-item h3")
          .evaluateAll((headings) => headings.filter((heading) => !heading.textContent?.startsWith("Réponse")).length);
        expect(hrefs.length).toBe(withPage);
        for (const href of hrefs.slice(0, 10)) {
          expect((await fetch(url(href), { redirect: "manual" })).status, href).toBe(200);
        }
        // Followed like any link: the public page, in this tab.
        const target = url(`${prefix}${id}/`);
        const [response] = await Promise.all([
          page.waitForResponse((candidate) => candidate.url() === target && candidate.request().isNavigationRequest()),
          link.click(),
        ]);
        expect(response.status()).toBe(200);
        await page.waitForURL(target);
        expect(await page.getByRole("navigation", { name: "Menu principal" }).count()).toBe(1);
        await page.goBack();
        await page.locator(".mod-queue").waitFor();
      }
    });

    it("keeps every card compact at 1280 px, the text beside its facts", async () => {
      const { page } = await pages.open({ viewport: DESKTOP });
      await signIn(page, server.origin);
      for (const [group, status] of [
        ["Contributions", "En attente"],
        ["Contributions", "Publiées"],
        ["Initiatives", "Publiées"],
      ] as const) {
        await openQueue(page, group, status);
        const cards = await page.locator(".mod-queue .mod-list > li.mod-item").evaluateAll((items) =>
          items.map((item) => {
            const text = item.querySelector(".mod-body")?.getBoundingClientRect();
            const facts = item.querySelector(".mod-facts")?.getBoundingClientRect();
            return {
              id: item.querySelector("h3")?.id ?? "?",
              height: item.getBoundingClientRect().height,
              sideBySide: text !== undefined && facts !== undefined && facts.left >= text.right,
            };
          }),
        );
        const label = `${group} ${status.toLowerCase()}`;
        expect(cards.length, label).toBeGreaterThan(1);
        const mean = cards.reduce((sum, card) => sum + card.height, 0) / cards.length;
        console.log(
          `[e2e] ${label}: ${cards.length} cards, ${mean.toFixed(0)} px on average, ${Math.max(...cards.map((card) => card.height)).toFixed(0)} px at most`,
        );
        expect(mean, `${label}: mean card height`).toBeLessThan(MEAN_CARD_HEIGHT_MAX);
        for (const card of cards) {
          expect(card.height, `${label}: ${card.id}`).toBeLessThan(CARD_HEIGHT_MAX);
          expect(card.sideBySide, `${label}: ${card.id} has its facts beside its text`).toBe(true);
        }
      }
    });

    it("takes the keyboard from an item's heading to its actions, then into the rejection form they open", async () => {
      const { page } = await pages.open({ viewport: DESKTOP });
      await signIn(page, server.origin);
      await openQueue(page, "Contributions", "En attente");
      const first = page.locator(".mod-item").first();
      // Where the focus lands after a decision on the item before.
      await first.locator("h3").focus();
      const subject = (await first.locator("h3").textContent())
        ?.replace(/^Contribution de /, "la contribution de ")
        .replace(/^Réponse de /, "la réponse de ");

      await page.keyboard.press("Tab");
      expect(await focusedName(page)).toBe(`Publier ${subject}`);
      expect((await focusIndicator(page)).visible).toBe(true);
      await page.keyboard.press("Tab");
      expect(await focusedName(page)).toBe(`Rejeter ${subject}`);
      expect((await focusIndicator(page)).visible).toBe(true);
      await page.keyboard.press("Enter");
      const toggle = first.getByRole("button", { name: `Rejeter ${subject}` });
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await page.keyboard.press("Tab");
      expect(
        await page.evaluate(
          () => (document.activeElement as HTMLInputElement | null)?.closest(".reject-form") !== null,
        ),
      ).toBe(true);
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("radio");

      await first.getByRole("button", { name: /^Annuler le rejet/ }).click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await focusedName(page)).toBe(`Rejeter ${subject}`);

      // The selection, before the heading: Shift+Tab from it.
      await first.locator("h3").focus();
      await page.keyboard.press("Shift+Tab");
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("checkbox");
      await page.keyboard.press("Space");
      expect(await page.getByText("1 contribution sélectionnée.").count()).toBe(1);
    });

    it("is axe-clean with the public links and websites of the published queues", async () => {
      const { page } = await pages.open({ viewport: DESKTOP });
      await signIn(page, server.origin);
      for (const group of ["Contributions", "Initiatives"] as const) {
        await openQueue(page, group, "Publiées");
        const violations = await runAxe(page);
        const report = describeViolations(`moderation, ${group} publiées`, violations);
        if (violations.length > 0) console.log(report);
        expect.soft(violations, report).toEqual([]);
      }
    });

    it("reflows at 390 px: no horizontal scroll, signed in", async () => {
      const { page } = await pages.open({ viewport: MOBILE });
      await signIn(page, server.origin);
      for (const [group, status] of [
        ["Contributions", "Signalées"],
        ["Initiatives", "Publiées"],
      ] as const) {
        await openQueue(page, group, status);
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          // The innermost elements that reach past the screen, to say what to fix.
          const wide = [...document.querySelectorAll("body *")].filter(
            (element) =>
              element.getBoundingClientRect().right > width + 1 &&
              ![...element.children].some((child) => child.getBoundingClientRect().right > width + 1),
          );
          return {
            scrollWidth: document.documentElement.scrollWidth,
            width,
            wide: wide.slice(0, 5).map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
          };
        });
        expect(overflow.scrollWidth, `${group} ${status} at 390 px: ${overflow.wide.join(", ")}`).toBeLessThanOrEqual(
          overflow.width,
        );
      }
    });
  });
}

/** Signs in at /moderation/ of the server at `origin` with the suite's token. */
async function signIn(page: Page, origin: string): Promise<void> {
  if (!page.url().endsWith("/moderation/")) await visit(page, `${origin}/moderation/`);
  await page.getByLabel("Jeton de modération").fill(MODERATOR_TOKEN);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.locator(".mod-queue").waitFor();
}

/** Opens a queue with its picker button (« Contributions : En attente (3) ») and waits for its items. */
async function openQueue(page: Page, group: "Contributions" | "Initiatives", status: string): Promise<void> {
  await page.getByRole("button", { name: new RegExp(`^${group} : ${status} \\(`) }).click();
  await page.waitForFunction(
    (heading) => document.querySelector("#moderation-queue-title")?.textContent?.startsWith(heading),
    `${group} ${status.toLowerCase()}`,
  );
  await page.waitForFunction(() => !document.querySelector(".mod-queue p.meta")?.textContent?.startsWith("Chargement"));
  await page.locator(".mod-item").first().waitFor();
}

/** The accessible name of the focused element, as Chromium computes it. */
async function focusedName(page: Page): Promise<string> {
  const snapshot = await page.locator("*:focus").ariaSnapshot();
  // « - button "Publier la contribution de Camille" » → the quoted name.
  return /"(.*)"/.exec(snapshot)?.[1] ?? snapshot;
}
