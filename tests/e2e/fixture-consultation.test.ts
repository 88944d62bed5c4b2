/**
 * A second consultation in real Chromium: the site as `npm start` serves it
 * (support/server.ts) with CONTENT_DIR=tests/fixtures/consultation-marche,
 * a town's consultation on its market square (2 themes, one closed
 * question, no initiatives), on an embedded database of its own that starts
 * empty (the demonstration seed belongs to the default consultation) and on
 * the fixture's own demonstration clock (its `demoNow`, inside its window).
 *
 * Its pages carry its name and none of the default mission's, even once the
 * islands have run; an open question answered with the keyboard reaches the
 * moderation queue; a closed question answered in the browser counts at the
 * next rebuild with no moderation step; axe finds nothing on its pages.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { consultationWindow, windowState } from "../../src/domain/consultation-window";
import { frForms } from "../../src/domain/messages.fr";
import { GUERET, requestRebuild } from "./support/api";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, focusIndicator, launchBrowser, visit, WatchedPages } from "./support/browser";
import { answerClosedQuestion } from "./support/choice-form";
import { MODERATOR_TOKEN, projectRoot, type SiteServer, startServer, waitUntil } from "./support/server";

const unavailable = browserUnavailable();
/** A rebuild: about 10 s warm, a minute cold or on a busy machine. */
const REBUILD_TIMEOUT_MS = 180_000;

const FIXTURE = "tests/fixtures/consultation-marche";

/** The fixture's consultation.json, read here: the test process's own src/domain/consultation is the default one. */
const content = JSON.parse(readFileSync(join(projectRoot, FIXTURE, "consultation.json"), "utf8")) as {
  name: string;
  shortName: string;
  opensOn: string;
  closesOn: string;
  timeZone: string;
  demoNow: string;
  profiles: { id: string; label: string }[];
  themes: {
    id: string;
    title: string;
    questions: { id: string; title: string; type?: string; options?: { id: string; label: string }[] }[];
  }[];
};

/** Names of the default mission that must not appear anywhere in the fixture's pages (issue 14). */
const DEFAULT_MISSION_NAMES = ["Mission Coworking", "Coworking", "Levy-Waitz", "Travailler autrement", "tiers-lieu"];

const theme = content.themes[0]!;
const openQuestion = theme.questions.find((question) => question.type === undefined)!;
const closedQuestion = theme.questions.find((question) => question.type === "single")!;
const option = closedQuestion.options![1]!;
const profile = content.profiles[0]!;

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("The fixture consultation in Chromium", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("The fixture consultation in Chromium", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const url = (path: string) => `${server.origin}${path}`;

    beforeAll(async () => {
      [server, browser] = await Promise.all([
        startServer({
          label: "e2e-fixture",
          // Its own content; the build folder and the embedded database are the scratch folder's.
          env: { CONTENT_DIR: FIXTURE },
        }),
        launchBrowser(),
      ]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });
    afterEach(() => pages.closeAll());

    /** The closed question's figures on its theme page: the number of answers and the chosen option's count. */
    async function closedCounts(): Promise<{ answers: number; option: number }> {
      const html = await (await fetch(url(`/themes/${theme.id}/`))).text();
      const block = parse(html).querySelector(`li.question#${closedQuestion.id} .choice-results`);
      const meta = block?.querySelector("p.meta")?.textContent.trim() ?? "";
      // « Aucune réponse pour l'instant. » (no chart yet) or « 1 réponse, comptées sans modération. »
      const answers = meta.startsWith("Aucune réponse")
        ? 0
        : Number(/^([\d\s\u202f]+) réponses?/.exec(meta)?.[1]?.replace(/\D/g, ""));
      const row = block
        ?.querySelectorAll("tbody tr")
        .find((tr) => tr.querySelector("th")?.textContent.trim() === option.label);
      const cell = row?.querySelector("td.number")?.textContent.replace(/\D/g, "");
      return { answers, option: answers === 0 ? 0 : Number(cell ?? Number.NaN) };
    }

    it("runs inside the fixture's window on its demonstration clock", () => {
      // The forms are open only if demoNow falls between the start of the opening day and the end of the closing day.
      expect(windowState(consultationWindow(content), new Date(content.demoNow))).toBe("open");
    });

    it("renders the fixture's home and theme pages, with none of the default mission and no initiatives", async () => {
      const { page } = await pages.open();
      for (const path of ["/", `/themes/${theme.id}/`, `/themes/${theme.id}/${openQuestion.id}/`]) {
        await visit(page, url(path));
        const text = await page.locator("body").textContent();
        expect(`${await page.title()} ${text}`, `${path} names the fixture`).toContain(content.shortName);
        // The whole document after hydration: the islands' bundles must not carry the default content either.
        const html = await page.content();
        for (const name of DEFAULT_MISSION_NAMES) expect(html, `« ${name} » on ${path}`).not.toContain(name);
        const menu = page.getByRole("navigation", { name: "Menu principal" });
        expect(await menu.getByRole("link").count(), `${path} has its main menu`).toBeGreaterThan(0);
        expect(
          await menu.getByRole("link", { name: /Initiatives/i }).count(),
          `an « Initiatives » link on ${path}`,
        ).toBe(0);
        expect(await page.locator('a[href^="/initiatives"]').count(), `a link to /initiatives on ${path}`).toBe(0);
      }
      await visit(page, url("/"));
      expect(await page.locator("h1").textContent()).toContain(content.name);
      await visit(page, url(`/themes/${theme.id}/`));
      expect(await page.locator("h1").textContent()).toContain(theme.title);
      for (const question of theme.questions) {
        expect(await page.locator(`li.question#${question.id} h3`).textContent()).toContain(question.title);
      }
      expect((await fetch(url("/initiatives/"))).status, "/initiatives/ is not built").toBe(404);
    });

    it("takes an open answer typed with the keyboard into the moderation queue", async () => {
      const formId = `reponse-${openQuestion.id}`;
      const text = `Des allées plus larges ${randomBytes(4).toString("hex")} : un fauteuil doit passer entre deux étals.`;
      const pseudonym = "Lou au clavier";
      const { page } = await pages.open();
      await visit(page, url(`/themes/${theme.id}/${openQuestion.id}/`));

      await tabTo(page, (focus) => focus.id === `${formId}-body`);
      await page.keyboard.type(text);
      await tabTo(page, (focus) => focus.id === `${formId}-pseudonym`);
      await page.keyboard.type(pseudonym);
      await tabTo(page, (focus) => focus.id === `${formId}-profile`);
      await page.keyboard.press("ArrowDown");
      expect(await page.locator(`#${formId}-profile`).inputValue(), "the fixture's first profile").toBe(profile.id);
      await tabTo(page, (focus) => focus.id === `${formId}-postalCode`);
      await page.keyboard.type(GUERET.postalCode);
      await page.locator(`#${formId}-communeCode`).waitFor();
      await tabTo(page, (focus) => focus.id === `${formId}-communeCode`);
      for (let step = 0; step < 20; step += 1) {
        if ((await page.locator(`#${formId}-communeCode`).inputValue()) === GUERET.communeCode) break;
        await page.keyboard.press("ArrowDown");
      }
      expect(await page.locator(`#${formId}-communeCode`).inputValue()).toBe(GUERET.communeCode);
      await tabTo(page, (focus) => focus.tag === "button" && focus.text === frForms.submit.answer);
      const [response] = await Promise.all([
        page.waitForResponse(
          (candidate) => candidate.url().endsWith("/api/contributions") && candidate.request().method() === "POST",
        ),
        page.keyboard.press("Enter"),
      ]);
      expect(response.status()).toBe(201);
      const { id, status } = (await response.json()) as { id: string; status: string };
      expect(status).toBe("pending");
      await page.waitForFunction(() => document.activeElement?.classList.contains("form-success"));
      expect(await page.locator(".form-success").textContent()).toContain(frForms.success.answer);

      // Stored: in the pending queue of the API, on the fixture's question, and on the moderation page.
      const queue = await fetch(url("/api/admin/queue?type=contribution&status=pending"), {
        headers: { Authorization: `Bearer ${MODERATOR_TOKEN}` },
      });
      expect(queue.status).toBe(200);
      const { items } = (await queue.json()) as {
        items: { id: string; body: string; themeId: string; questionId: string; profile: string }[];
      };
      expect(items.find((item) => item.id === id)).toMatchObject({
        body: text,
        themeId: theme.id,
        questionId: openQuestion.id,
        profile: profile.id,
      });
      await visit(page, url("/moderation/"));
      await page.getByLabel("Jeton de modération").fill(MODERATOR_TOKEN);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.locator(".mod-queue").waitFor();
      await page.locator(".mod-queue", { hasText: text }).waitFor({ timeout: 15_000 });
      const html = await page.content();
      for (const name of DEFAULT_MISSION_NAMES) expect(html, `« ${name} » on /moderation/`).not.toContain(name);
    });

    it("counts a closed answer at the next rebuild, with no moderation step", {
      timeout: REBUILD_TIMEOUT_MS + 120_000,
    }, async () => {
      const before = await closedCounts();
      expect(Number.isInteger(before.answers), "the theme page shows the closed question's count").toBe(true);

      const { page } = await pages.open();
      await visit(page, url(`/themes/${theme.id}/${closedQuestion.id}/`));
      const sent = await answerClosedQuestion(page, {
        question: closedQuestion.title,
        option: option.label,
        pseudonym: `Sacha ${randomBytes(3).toString("hex")}`,
        profile: profile.id,
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ counted: true });
      expect(sent.success).toContain(frForms.success.choice);

      // No moderator decision: the rebuild alone brings it to the pages.
      const rebuild = await requestRebuild(server.origin);
      expect(rebuild.status).toBe(200);
      const started = Date.now();
      await waitUntil(
        async () => (await closedCounts()).answers === before.answers + 1,
        REBUILD_TIMEOUT_MS,
        `the count of « ${closedQuestion.title} » on /themes/${theme.id}/ did not reach ${before.answers + 1}:\n${server
          .output()
          .split("\n")
          .slice(-30)
          .join("\n")}`,
      );
      console.log(
        `[e2e] the fixture's choice showed ${((Date.now() - started) / 1000).toFixed(1)} s after the rebuild request`,
      );
      expect(await closedCounts()).toEqual({ answers: before.answers + 1, option: before.option + 1 });
      const summary = parse(await (await fetch(url("/synthese/"))).text()).querySelector(
        `section[aria-labelledby="fermee-${closedQuestion.id}"] .choice-results p.meta`,
      );
      expect(summary?.textContent.trim()).toMatch(
        new RegExp(`^${before.answers + 1} réponses?, comptées sans modération`),
      );
    });

    it("passes axe on the fixture's home, a theme page with its chart and the questions' forms", async () => {
      const { page } = await pages.open();
      for (const path of [
        "/",
        `/themes/${theme.id}/`,
        `/themes/${theme.id}/${openQuestion.id}/`,
        `/themes/${theme.id}/${closedQuestion.id}/`,
      ]) {
        await visit(page, url(path));
        const violations = await runAxe(page);
        expect(violations, describeViolations(path, violations)).toEqual([]);
      }
    });
  });
}

/** What the focused element is, for the keyboard journey. */
interface FocusState {
  tag: string;
  id: string;
  text: string;
}

/** Tabs until `wanted` holds (150 steps at most), every focused element showing its focus. */
async function tabTo(page: Page, wanted: (focus: FocusState) => boolean): Promise<void> {
  const seen: string[] = [];
  for (let step = 0; step < 150; step += 1) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return {
        tag: element?.tagName.toLowerCase() ?? "",
        id: element?.id ?? "",
        text: (element?.textContent ?? "").replace(/\s+/g, " ").trim(),
      };
    });
    if (focus.tag === "body" || focus.tag === "") break;
    const indicator = await focusIndicator(page);
    expect(indicator.visible, `no visible focus on ${indicator.description}`).toBe(true);
    if (wanted(focus)) return;
    seen.push(`${focus.tag}${focus.id ? `#${focus.id}` : ""}`);
  }
  throw new Error(`the wanted element was not reached with Tab: ${seen.join(" → ")}`);
}
