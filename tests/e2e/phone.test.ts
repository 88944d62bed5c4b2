/**
 * A citizen on a phone, in real Chromium at 320 and 390 px wide: every page
 * type fits the screen without sideways scrolling (WCAG 1.4.10), the page
 * title comes soon after a compact header whose menu works without
 * JavaScript, and every form takes the first click on its submit button
 * even when the field just left is wrong.
 *
 * The first-click test is what a person does: type in a field, see the
 * button, press it. The button's position is read while the field still has
 * the focus, then the mouse goes down there: if leaving the field moved the
 * button, the press lands on nothing and no error summary appears.
 *
 * Each page is also watched for console errors, CSP violations and page
 * errors (support/browser.ts).
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { frForms } from "../../src/domain/messages.fr";
import { browserUnavailable, focusIndicator, launchBrowser, visit, WatchedPages, waitEnabled } from "./support/browser";
import { type SiteServer, startServer } from "./support/server";

const unavailable = browserUnavailable();
const theme = themes[0]!;
const question = theme.questions[0]!;
const themePath = `/themes/${theme.id}/`;
const questionPath = `/themes/${theme.id}/${question.id}/`;

/** The narrowest phones still sold (320 px), and a common one (390 × 844). */
const SMALL_PHONE = { width: 320, height: 640 };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** Where the page title must start on a 390 × 844 phone: within the first third of the screen. */
const H1_MAX_TOP_PX = 260;
/** A postal code one digit short: the schema refuses it. */
const INVALID_POSTAL_CODE = "2300";

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("On a phone (Chromium)", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("On a phone (Chromium)", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const url = (path: string) => `${server.origin}${path}`;
    /** Pages found through links of the site (a permalink, an initiative, a press release). */
    const found = new Map<string, string>();

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer({ label: "e2e-phone" }), launchBrowser()]);
      found.set("permalink", await firstLinkOf(url(themePath), /^\/contributions\/[0-9a-f-]{36}\/$/));
      found.set("initiative", await firstLinkOf(url("/initiatives/"), /^\/initiatives\/[0-9a-f-]{36}\/$/));
      found.set("release", await firstLinkOf(url("/presse/"), /^\/presse\/(?!rss\.xml)[^/]+\/$/));
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    afterEach(() => pages.closeAll());

    /** Every page type of the site: [label, path or key of `found`, HTTP status]. */
    const pageTypes: [string, string, number][] = [
      ["home", "/", 200],
      ["the mission", "/mission/", 200],
      ["themes index", "/themes/", 200],
      ["a theme", themePath, 200],
      ["a question with its form", questionPath, 200],
      ["a contribution permalink", "permalink", 200],
      ["the synthesis", "/synthese/", 200],
      ["initiatives directory", "/initiatives/", 200],
      ["an initiative", "initiative", 200],
      ["the initiative form", "/initiatives/proposer/", 200],
      ["agenda", "/agenda/", 200],
      ["press", "/presse/", 200],
      ["a press release", "release", 200],
      ["open data", "/donnees/", 200],
      ["search", "/recherche/", 200],
      ["site map", "/plan-du-site/", 200],
      ["accessibility statement", "/accessibilite/", 200],
      ["legal notice", "/mentions-legales/", 200],
      ["personal data", "/donnees-personnelles/", 200],
      ["moderation", "/moderation/", 200],
      ["the 404 page", "/cette-page-n-existe-pas/", 404],
    ];

    /** Opens a page type at a viewport, the 404's own console error allowed. */
    async function open(viewport: { width: number; height: number }, path: string, status = 200): Promise<Page> {
      const watched = await pages.open({ viewport });
      // Chromium logs the 404 page's own status as a console error: expected there.
      if (status === 404) watched.allowConsole(/status of 404/);
      await visit(watched.page, url(found.get(path) ?? path), status);
      return watched.page;
    }

    describe.each([
      ["320 px", SMALL_PHONE],
      ["390 px", PHONE],
    ])("fits the screen at %s, no sideways scroll", (_width, viewport) => {
      it.each(pageTypes)("%s (%s)", async (_label, path, status) => {
        const page = await open(viewport, path, status);
        await expectNoHorizontalScroll(page);
      });
    });

    describe("the header", () => {
      it.each([
        ["home", "/"],
        ["the mission", "/mission/"],
        ["a theme", themePath],
        ["a question", questionPath],
        ["the initiative form", "/initiatives/proposer/"],
      ])(`puts the title of %s within ${H1_MAX_TOP_PX} px of the top of a 390 × 844 phone`, async (_label, path) => {
        const page = await open(PHONE, path);
        const top = await page.locator("h1").evaluate((h1) => h1.getBoundingClientRect().top + window.scrollY);
        console.log(`[e2e] h1 of ${path} at ${Math.round(top)} px on a 390 × 844 phone`);
        expect(top, `top of the h1 of ${path}`).toBeLessThanOrEqual(H1_MAX_TOP_PX);
      });

      it("opens its menu with the keyboard, without JavaScript, and the menu holds the navigation and the search", async () => {
        const watched = await pages.open({ viewport: SMALL_PHONE });
        // No script at all: the menu is HTML (details/summary) and CSS only.
        await watched.context.route("**/*.js", (route) => route.abort());
        watched.allowConsole(/ERR_FAILED|net::/);
        const { page } = watched;
        await page.goto(url("/mission/"), { waitUntil: "load" });
        const navigation = page.getByRole("navigation", { name: "Menu principal" });
        const menu = page.locator("summary", { hasText: "Menu" });
        expect(await menu.isVisible(), "the « Menu » button on a phone").toBe(true);
        expect(await navigation.getByRole("link", { name: "Les thèmes" }).isVisible()).toBe(false);

        await menu.focus();
        // Focused from the keyboard: Tab away and back, so that :focus-visible applies as for a person.
        await page.keyboard.press("Shift+Tab");
        await page.keyboard.press("Tab");
        expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);
        const indicator = await focusIndicator(page);
        expect(indicator.visible, indicator.description).toBe(true);
        expect(await menu.getAttribute("aria-label"), "the summary is named by its text").toBeNull();
        await page.keyboard.press("Enter");

        const themesLink = navigation.getByRole("link", { name: "Les thèmes" });
        expect(await themesLink.isVisible(), "the navigation, once the menu is open").toBe(true);
        expect(await page.getByRole("searchbox", { name: "Rechercher dans le site" }).isVisible()).toBe(true);
        await expectNoHorizontalScroll(page);
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Accueil");
        await themesLink.click();
        await page.waitForURL(url("/themes/"));
      });

      it("keeps the full navigation and search in view at 1280 px, with no menu button", async () => {
        const page = await open(DESKTOP, "/mission/");
        const navigation = page.getByRole("navigation", { name: "Menu principal" });
        for (const label of ["Accueil", "La mission", "Les thèmes", "Les initiatives", "La synthèse", "Presse"]) {
          expect(await navigation.getByRole("link", { name: label }).isVisible(), label).toBe(true);
        }
        expect(await page.getByRole("searchbox", { name: "Rechercher dans le site" }).isVisible()).toBe(true);
        expect(await page.locator("summary", { hasText: "Menu" }).isVisible()).toBe(false);
      });
    });

    describe("a button to answer, where a citizen can act", () => {
      it("the theme page invites to answer each question with a button-styled link a thumb can hit", async () => {
        const page = await open(PHONE, themePath);
        const invitations = page.locator("li.question a.button", { hasText: "Répondre à cette question" });
        expect(await invitations.count()).toBe(theme.questions.length);
        const box = await invitations.first().boundingBox();
        expect(box?.height ?? 0, "height of « Répondre à cette question »").toBeGreaterThanOrEqual(44);
      });
    });

    describe("forms take the first click", () => {
      it("the answer form: an invalid postal code, then one click on « Envoyer » shows the error summary", async () => {
        const page = await open(PHONE, questionPath);
        const form = page.locator("form.contribution-form");
        await expectFirstClickSubmits(
          page,
          form,
          form.getByLabel(frForms.fields.postalCode),
          INVALID_POSTAL_CODE,
          form.getByRole("button", { name: frForms.submit.answer }),
        );
      });

      it("the answer form at 320 px: leaving the postal code does not move the button", async () => {
        const page = await open(SMALL_PHONE, questionPath);
        const form = page.locator("form.contribution-form");
        const field = form.getByLabel(frForms.fields.postalCode);
        const submit = form.getByRole("button", { name: frForms.submit.answer });
        await waitEnabled(submit);
        await field.click();
        await page.keyboard.type(INVALID_POSTAL_CODE);
        const before = await submit.evaluate((button) => button.getBoundingClientRect().top + window.scrollY);
        await field.evaluate((input) => (input as HTMLInputElement).blur());
        const after = await submit.evaluate((button) => button.getBoundingClientRect().top + window.scrollY);
        expect(after - before, "move of the submit button when the postal code is left").toBe(0);
      });

      it("the reply form of a permalink", async () => {
        const page = await open(PHONE, "permalink");
        const form = page.locator(".reply-area form");
        await expectFirstClickSubmits(
          page,
          form,
          form.getByLabel(frForms.fields.postalCode),
          INVALID_POSTAL_CODE,
          form.getByRole("button", { name: frForms.submit.reply }),
        );
      });

      it("the initiative form, with an invalid email just above the button", async () => {
        // Its postal code is a screen away from the button: the email is what a person leaves for it.
        const page = await open(PHONE, "/initiatives/proposer/");
        const form = page.locator("form.contribution-form");
        await expectFirstClickSubmits(
          page,
          form,
          form.getByLabel(/Adresse électronique/),
          "camille@",
          form.getByRole("button", { name: frForms.submit.initiative }),
        );
      });

      it("the flag form of a permalink", async () => {
        const page = await open(PHONE, "permalink");
        const opener = page.getByRole("button", { name: frForms.flags.open }).first();
        await waitEnabled(opener);
        await opener.click();
        const form = page.locator(".flag-form").first();
        // The details are right; the reason is missing, which only the submit reports.
        await expectFirstClickSubmits(
          page,
          form,
          form.getByLabel(frForms.flags.details),
          "Propos insultants",
          form.getByRole("button", { name: frForms.submit.flag }),
          { fieldIsWrong: false },
        );
      });
    });

    /** The first link of the page at `pageUrl` whose path matches `pattern`. */
    async function firstLinkOf(pageUrl: string, pattern: RegExp): Promise<string> {
      const html = await (await fetch(pageUrl)).text();
      const href = [...html.matchAll(/href="([^"]+)"/g)]
        .map((match) => match[1] ?? "")
        .find((path) => pattern.test(path));
      if (!href) throw new Error(`no link matching ${pattern} on ${pageUrl}`);
      return href;
    }
  });
}

/**
 * Types `text` in `field`, reads where the submit button is while the field
 * still has the focus, then presses the mouse there once, as a person who
 * sees the button does. The form must answer that one click with its error
 * summary, focused, and the field's error (unless `fieldIsWrong` is false)
 * linked from the summary and wired to the field.
 */
async function expectFirstClickSubmits(
  page: Page,
  form: Locator,
  field: Locator,
  text: string,
  submit: Locator,
  { fieldIsWrong = true } = {},
): Promise<void> {
  await waitEnabled(submit);
  await field.click();
  await page.keyboard.type(text);
  // The person brings the button to the bottom of the screen, the field still focused and in view (at once:
  // the site scrolls smoothly). With the field scrolled out above, the browser's scroll anchoring would hide a move.
  await submit.evaluate((button) => button.scrollIntoView({ block: "end", behavior: "instant" }));
  const fieldTop = await field.evaluate((element) =>
    element === document.activeElement ? element.getBoundingClientRect().top : Number.NaN,
  );
  expect(fieldTop, "the field keeps the focus and stays on the screen").toBeGreaterThanOrEqual(0);
  const box = await submit.boundingBox();
  if (!box) throw new Error("the submit button is not rendered");
  expect(box.y + box.height, "the submit button is on the screen").toBeLessThanOrEqual(
    (page.viewportSize()?.height ?? 0) + 1,
  );
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

  const summary = form.locator(".error-summary");
  await summary.waitFor({ timeout: 5_000 }).catch(() => {
    throw new Error(
      `no error summary after one click on « ${text} » then the submit button at (${Math.round(box.x)}, ${Math.round(box.y)}): ` +
        "leaving the field probably moved the button away from the click",
    );
  });
  expect(await summary.evaluate((element) => element === document.activeElement), "focus on the error summary").toBe(
    true,
  );
  if (!fieldIsWrong) return;
  // The error stays wired to its field for screen readers.
  const fieldId = await field.getAttribute("id");
  expect(await summary.locator(`a[href="#${fieldId}"]`).count(), `a summary link to #${fieldId}`).toBe(1);
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  expect((await field.getAttribute("aria-describedby"))?.split(" ")).toContain(`${fieldId}-error`);
}

/**
 * WCAG 1.4.10 (reflow): the page is no wider than the screen. On failure,
 * names the elements that stick out and are clipped by no scrolling box on
 * their containing-block chain (an absolutely positioned element escapes an
 * `overflow: auto` box that is not positioned), widest first.
 */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = window.innerWidth;
    /** The box an element's overflow is clipped by, if any, following containing blocks. */
    const containingBlock = (element: Element): Element | null => {
      const position = getComputedStyle(element).position;
      if (position === "fixed") return null;
      if (position !== "absolute") return element.parentElement;
      let ancestor = element.parentElement;
      while (ancestor && getComputedStyle(ancestor).position === "static") ancestor = ancestor.parentElement;
      return ancestor ?? document.documentElement;
    };
    const clipped = (element: Element): boolean => {
      for (let box = containingBlock(element); box && box !== document.body; box = containingBlock(box)) {
        if (box === document.documentElement) return false;
        if (getComputedStyle(box).overflowX !== "visible") return true;
      }
      return false;
    };
    const name = (element: Element) => {
      const classes = [...element.classList].map((name) => `.${name}`).join("");
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${classes} « ${text} »`;
    };
    const wide = [...document.querySelectorAll("body *")]
      .map((element) => ({ element, right: element.getBoundingClientRect().right }))
      .filter(({ element, right }) => right > width + 0.5 && !clipped(element))
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(({ element, right }) => `${name(element)} (right edge at ${Math.round(right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
  expect(
    overflow.scrollWidth,
    `${page.url()} is ${overflow.scrollWidth} px wide on a ${overflow.width} px screen; widest: ${overflow.wide.join("; ")}`,
  ).toBeLessThanOrEqual(overflow.width);
}
