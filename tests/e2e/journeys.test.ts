/**
 * What citizens, visitors and moderators do, end to end, in real Chromium
 * against the site as `npm start` serves it (support/server.ts): answering a
 * question, making an initiative known, publishing both, reacting once; the
 * same answer with the keyboard only; the store going down in the middle of
 * an answer; and stored XSS vectors through every page that shows them.
 *
 * Every page is watched for console errors, page errors, CSP violations and
 * dialogs (support/browser.ts): a test fails on any it did not expect.
 */
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { frForms } from "../../src/domain/messages.fr";
import { author, createdId, GUERET, publish, saveSynthesis, submitContribution, submitInitiative } from "./support/api";
import {
  browserUnavailable,
  focusIndicator,
  hydrateIslands,
  launchBrowser,
  visit,
  WatchedPages,
  waitEnabled,
} from "./support/browser";
import { type PgCluster, startCluster } from "./support/postgres";
import { MODERATOR_TOKEN, type SiteServer, startServer, waitUntil } from "./support/server";

const unavailable = browserUnavailable();

/** Time a publication may take to reach the static pages (a rebuild: about 10 s warm, a minute cold or on a busy machine). */
const REBUILD_TIMEOUT_MS = 180_000;
/** A journey that waits for a rebuild. */
const PUBLISHING_JOURNEY = { timeout: REBUILD_TIMEOUT_MS + 120_000 };

/** A word no page holds, to find what this run wrote. */
const marker = (label: string) => `${label}${randomBytes(4).toString("hex")}`;

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("Journeys in Chromium", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("Journeys in Chromium", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const url = (path: string) => `${server.origin}${path}`;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer({ label: "e2e-journeys" }), launchBrowser()]);
    });

    afterAll(async () => {
      if (server) console.log(`[e2e] rebuilds of the journeys' server:\n${rebuilds().join("\n") || "(none)"}`);
      await browser?.close();
      await server?.stop();
    });

    afterEach(() => pages.closeAll());

    /** Waits for a publication to show, and says what the server printed if it never does. */
    async function waitForPublication(what: string, shown: () => Promise<boolean>): Promise<number> {
      const started = Date.now();
      try {
        await waitUntil(shown, REBUILD_TIMEOUT_MS, `${what} did not show within ${REBUILD_TIMEOUT_MS / 1000} s`);
      } catch (error) {
        const log = server.output().split("\n");
        const lines = [...log.filter((line) => line.startsWith("[start]")), "…", ...log.slice(-30)];
        throw new Error(`${(error as Error).message}; the server printed:\n${lines.join("\n")}`);
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(`[e2e] ${what} showed ${seconds.toFixed(1)} s after the decision`);
      return seconds;
    }

    /** The server's lines about its rebuilds, for the report. */
    const rebuilds = () =>
      server
        .output()
        .split("\n")
        .filter((line) => /\[start\] (site rebuilt|the rebuild)/.test(line));

    it("names the server's own address (a free port, not 4321) in canonical links, robots.txt and the feeds", async () => {
      // The server gets no SITE_URL (support/server.ts): scripts/start.ts builds for the port it listens on.
      const text = async (path: string) => (await fetch(url(path))).text();
      expect(await text("/themes/")).toContain(`<link rel="canonical" href="${server.origin}/themes/">`);
      expect(await text("/robots.txt")).toContain(`Sitemap: ${server.origin}/sitemap-index.xml`);
      expect(await text("/contributions/rss.xml")).toContain(
        `<atom:link href="${server.origin}/contributions/rss.xml" rel="self" type="application/rss+xml"/>`,
      );
      expect(server.output()).toContain(`[start] ready at ${server.origin}/`);
    });

    it("a citizen answers, a moderator publishes, a visitor supports it once", PUBLISHING_JOURNEY, async () => {
      const theme = themes[1]!;
      const text = `Réponse de bout en bout ${marker("parcours")} : le tiers-lieu manque surtout d'un animateur salarié.`;
      const pseudonym = `Camille ${marker("")}`.slice(0, 20);

      // — The citizen: home, the themes, one theme, one question.
      const citizen = await pages.open();
      const page = citizen.page;
      await visit(page, url("/"));
      expect(await page.locator("h1").count()).toBe(1);
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Les thèmes" }).click();
      await page.waitForURL(url("/themes/"));
      await page.locator(`main a[href="/themes/${theme.id}/"]`).first().click();
      await page.waitForURL(url(`/themes/${theme.id}/`));
      // A question whose answers all show on the theme page once this one is added (3 at most there).
      const questionId = await page.locator("li.question").evaluateAll((items) => {
        const shown = (item: Element) => {
          const more = /Voir les (\d+) réponses publiées/.exec(item.textContent ?? "");
          if (more) return Number(more[1]);
          return item.querySelectorAll("article.answer").length;
        };
        return items.find((item) => shown(item) <= 2)?.id;
      });
      expect(questionId, `a question of ${theme.id} with at most 2 published answers`).toBeTruthy();
      const questionPath = `/themes/${theme.id}/${questionId}/`;
      await page.locator(`li.question#${questionId} a[href="${questionPath}"]`).click();
      await page.waitForURL(url(questionPath));
      await hydrateIslands(page);

      // — The answer: text, pseudonym, profile, postal code 23000, then Guéret among its communes.
      const form = page.locator("form.contribution-form");
      await form.getByLabel(frForms.fields.answerBody, { exact: true }).fill(text);
      await form.getByLabel(frForms.fields.pseudonym).fill(pseudonym);
      await form.getByLabel(frForms.fields.profile).selectOption("habitant");
      await form.getByLabel(frForms.fields.postalCode).fill(GUERET.postalCode);
      const commune = form.getByLabel(frForms.fields.commune, { exact: true });
      await commune.waitFor();
      expect(await commune.locator("option").allTextContents()).toContain(GUERET.communeName);
      await commune.selectOption({ label: GUERET.communeName });
      const [response] = await Promise.all([
        page.waitForResponse(
          (candidate) => candidate.url().endsWith("/api/contributions") && candidate.request().method() === "POST",
        ),
        form.getByRole("button", { name: frForms.submit.answer }).click(),
      ]);
      expect(response.status()).toBe(201);
      const { id, status } = (await response.json()) as { id: string; status: string };
      expect(status).toBe("pending");
      const success = page.locator(".form-success");
      await success.waitFor();
      expect(await success.textContent()).toContain("publiée après relecture");

      // Pending: neither on the theme page nor at its permalink.
      const permalink = `/contributions/${id}/`;
      await visit(page, url(`/themes/${theme.id}/`));
      expect(await page.locator("main").textContent()).not.toContain(text);
      expect((await fetch(url(permalink))).status).toBe(404);

      // — The moderator publishes it from the « En attente » queue.
      const moderator = await pages.open();
      await signIn(moderator.page, server.origin);
      await openQueue(moderator.page, "Contributions", "En attente");
      const item = moderator.page.locator("li.mod-item", {
        has: moderator.page.locator(`#moderation-item-${id}-title`),
      });
      await item.waitFor();
      expect(await item.textContent()).toContain(text);
      const [decision] = await Promise.all([
        moderator.page.waitForResponse((candidate) => candidate.url().endsWith("/api/admin/decisions")),
        item.getByRole("button", { name: /^Publier/ }).click(),
      ]);
      expect(decision.status()).toBe(200);
      const { rebuild } = (await decision.json()) as { rebuild: { status: string; message: string } };
      console.log(`[e2e] answer published; rebuild: ${rebuild.status} (${rebuild.message})`);
      expect(rebuild.status, "under npm start, a publication starts a rebuild").toBe("started");
      await waitForText(moderator.page, "#moderation-announcer", "1 contribution publiée.");
      await item.waitFor({ state: "detached" });

      await waitForPublication(
        `the published answer at ${permalink}`,
        async () => (await fetch(url(permalink))).status === 200,
      );

      // Published: on its question's theme page, and at its permalink.
      await visit(page, url(`/themes/${theme.id}/`));
      const onTheme = page.locator(`li.question#${questionId} article.answer`, {
        has: page.locator(`a[href="${permalink}"]`),
      });
      expect(await onTheme.count()).toBe(1);
      expect(await onTheme.textContent()).toContain(text.slice(0, 60));
      await visit(page, url(permalink));
      const article = page.locator("article.contribution");
      expect(await article.textContent()).toContain(text);
      expect(await article.textContent()).toContain(GUERET.communeName);

      // — A visitor supports it: once.
      const visitor = await pages.open();
      // A refused second vote is a 409, which Chromium logs as a failed resource.
      visitor.allowConsole(/status of 409/);
      const reader = visitor.page;
      await visit(reader, url(permalink));
      const support = reader.locator(".reactions button").first();
      await waitEnabled(support);
      expect(await support.textContent()).toContain("(0)");
      await support.click();
      await waitForText(reader, ".reactions [role=status]", frForms.reactions.recorded.support);
      expect(await support.textContent()).toContain("(1)");
      expect(await support.getAttribute("aria-pressed")).toBe("true");

      await support.click();
      await waitForText(reader, ".reactions [role=status]", frForms.reactions.alreadyReacted);

      // After a reload, this browser still may not vote again…
      await reader.reload();
      await hydrateIslands(reader);
      await waitEnabled(support);
      await support.click();
      await waitForText(reader, ".reactions [role=status]", frForms.reactions.alreadyReacted);
      console.log(`[e2e] after a reload the support button reads « ${(await support.textContent())?.trim()} »`);

      // …and the server refuses it too, when the browser has forgotten its vote but kept its voter token.
      await reader.evaluate((key) => localStorage.removeItem(key), `consultation:reaction:${id}`);
      await reader.reload();
      await hydrateIslands(reader);
      await waitEnabled(support);
      const [refusal] = await Promise.all([
        reader.waitForResponse((candidate) => candidate.url().endsWith(`/api/contributions/${id}/reactions`)),
        support.click(),
      ]);
      expect(refusal.status()).toBe(409);
      await waitForText(reader, ".reactions [role=status]", /déjà/);
    });

    it(
      "an initiative goes the same way: proposed, pending, published, in the directory",
      PUBLISHING_JOURNEY,
      async () => {
        const name = `Tiers-lieu ${marker("Ruche")}`;
        const description = `Un espace de coworking et un fablab ouverts en 2017 dans l'ancienne gare, ${marker("desc")}.`;

        const citizen = await pages.open();
        const page = citizen.page;
        await visit(page, url("/initiatives/proposer/"));
        await page.locator("#initiative-name").fill(name);
        await page.locator("#initiative-kind").selectOption("tiers-lieu");
        await page.locator("#initiative-description").fill(description);
        await page.locator("#initiative-url").fill("https://ruche.exemple.fr/");
        await page.locator("#initiative-openingYear").fill("2017");
        await page.locator("#initiative-postalCode").fill(GUERET.postalCode);
        await page.locator("#initiative-communeCode").waitFor();
        await page.locator("#initiative-communeCode").selectOption({ label: GUERET.communeName });
        await page.locator("#initiative-pseudonym").fill("Dominique");
        await page.locator("#initiative-profile").selectOption("fondateur");
        const [response] = await Promise.all([
          page.waitForResponse(
            (candidate) => candidate.url().endsWith("/api/initiatives") && candidate.request().method() === "POST",
          ),
          page.getByRole("button", { name: frForms.submit.initiative }).click(),
        ]);
        expect(response.status()).toBe(201);
        const { id } = (await response.json()) as { id: string };
        await page.locator(".form-success").waitFor();
        expect(await page.locator(".form-success").textContent()).toContain("publiée après relecture");

        expect(await (await fetch(url("/initiatives/"))).text()).not.toContain(name);

        const moderator = await pages.open();
        await signIn(moderator.page, server.origin);
        await openQueue(moderator.page, "Initiatives", "En attente");
        const item = moderator.page.locator("li.mod-item", {
          has: moderator.page.locator(`#moderation-item-${id}-title`),
        });
        await item.waitFor();
        const [decision] = await Promise.all([
          moderator.page.waitForResponse((candidate) => candidate.url().endsWith("/api/admin/decisions")),
          item.getByRole("button", { name: /^Publier/ }).click(),
        ]);
        const { rebuild } = (await decision.json()) as { rebuild: { status: string } };
        console.log(`[e2e] initiative published; rebuild: ${rebuild.status}`);
        await waitForText(moderator.page, "#moderation-announcer", "1 initiative publiée.");

        await waitForPublication("the published initiative on /initiatives/", async () =>
          (await (await fetch(url("/initiatives/"))).text()).includes(name),
        );

        await visit(page, url("/initiatives/"));
        const card = page.locator("article.initiative", { has: page.getByRole("heading", { name }) });
        expect(await card.count()).toBe(1);
        const text = await card.textContent();
        expect(text).toContain(description);
        expect(text).toContain(GUERET.communeName);
        const link = card.locator('a[href="https://ruche.exemple.fr/"]');
        expect(await link.getAttribute("rel")).toContain("nofollow");
      },
    );

    it("the answer journey with the keyboard only: visible focus, skip link, error summary", async () => {
      const theme = themes[2]!;
      const question = theme.questions[0]!;
      const formId = `reponse-${question.id}`;
      const text = `Réponse au clavier ${marker("clavier")} : sans souris, tout reste possible jusqu'à l'envoi.`;
      const { page } = await pages.open();
      await visit(page, url("/"));

      // The skip link comes first, shows, and takes the focus to the main content.
      let now = await tab(page);
      expect(now.className).toContain("skip-link");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("contenu");
      now = await tab(page);
      expect(now.inMain, "after the skip link, Tab goes on inside the main content").toBe(true);

      // Home → one theme → its first question, by links and Enter.
      await tabTo(page, (focus) => focus.href === `/themes/${theme.id}/` && focus.inMain);
      await Promise.all([page.waitForURL(url(`/themes/${theme.id}/`)), page.keyboard.press("Enter")]);
      await tabTo(page, (focus) => focus.href === `/themes/${theme.id}/${question.id}/`);
      await Promise.all([page.waitForURL(url(`/themes/${theme.id}/${question.id}/`)), page.keyboard.press("Enter")]);
      await hydrateIslands(page);
      await waitEnabled(page.getByRole("button", { name: frForms.submit.answer }));

      // An empty submit: the focus goes to the error summary, and each of its links to its field.
      const toSubmit = () => tabTo(page, (focus) => focus.tag === "button" && focus.text === frForms.submit.answer);
      await toSubmit();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
      await expectFocusVisible(page);
      const targets = await page
        .locator(".error-summary a")
        .evaluateAll((links) => links.map((link) => (link.getAttribute("href") ?? "").slice(1)));
      expect(targets).toEqual([`${formId}-body`, `${formId}-pseudonym`, `${formId}-profile`, `${formId}-postalCode`]);
      for (const [index, target] of targets.entries()) {
        // From the focused summary, Tab reaches its links in order.
        for (let step = 0; step <= index; step += 1) await tab(page);
        expect((await focusState(page)).href).toBe(`#${target}`);
        await page.keyboard.press("Enter");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe(target);
        await expectFocusVisible(page);
        if (index < targets.length - 1) {
          await toSubmit();
          await page.keyboard.press("Enter");
          await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
        }
      }

      // The answer, typed; the selects chosen with the arrow keys.
      await tabTo(page, (focus) => focus.id === `${formId}-body`, { backwards: true });
      await page.keyboard.type(text);
      await tabTo(page, (focus) => focus.id === `${formId}-pseudonym`);
      await page.keyboard.type("Alex au clavier");
      await tabTo(page, (focus) => focus.id === `${formId}-profile`);
      await page.keyboard.press("ArrowDown");
      expect(await page.locator(`#${formId}-profile`).inputValue()).toBe("habitant");
      await tabTo(page, (focus) => focus.id === `${formId}-postalCode`);
      await page.keyboard.type(GUERET.postalCode);
      await page.locator(`#${formId}-communeCode`).waitFor();
      await tabTo(page, (focus) => focus.id === `${formId}-communeCode`);
      for (let step = 0; step < 20; step += 1) {
        const chosen = await page
          .locator(`#${formId}-communeCode`)
          .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent);
        if (chosen === GUERET.communeName) break;
        await page.keyboard.press("ArrowDown");
      }
      expect(await page.locator(`#${formId}-communeCode`).inputValue()).toBe(GUERET.communeCode);

      // The honeypot is never reached; Space on the button sends.
      await toSubmit();
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.url().endsWith("/api/contributions")),
        page.keyboard.press("Space"),
      ]);
      expect(response.status()).toBe(201);
      await page.waitForFunction(() => document.activeElement?.classList.contains("form-success"));
      await expectFocusVisible(page);
      expect(await page.locator(".form-success").textContent()).toContain("publiée après relecture");
    });

    describe("the store unreachable in the middle of an answer (PostgreSQL)", () => {
      let cluster: PgCluster | undefined;
      let pgServer: SiteServer | undefined;
      let skipReason: string | undefined;

      beforeAll(async () => {
        const started = await startCluster();
        if ("unavailable" in started) {
          // Skipping is for a developer's machine without root; in CI it is a failure.
          if (process.env.CI) throw new Error(`CI: the store-outage journey needs PostgreSQL: ${started.unavailable}`);
          skipReason = started.unavailable;
          console.warn(`[e2e] SKIPPED: the store-outage journey needs PostgreSQL: ${skipReason}`);
          return;
        }
        cluster = started;
        pgServer = await startServer({
          label: "e2e-postgres",
          // Same seed, same published data: the pages built on the embedded store fit this database too.
          copySiteFrom: server.distDir,
          env: {
            DATABASE_URL: cluster.url,
            HASH_SALT: randomBytes(32).toString("hex"),
            MODERATOR_TOKEN,
          },
        });
      });

      afterAll(async () => {
        await pgServer?.stop();
        await cluster?.destroy();
      });

      it("keeps the text, offers « Réessayer », and records exactly one contribution", async (context) => {
        if (skipReason || !cluster || !pgServer) {
          context.skip(`PostgreSQL could not be started: ${skipReason ?? "unknown reason"}`);
          return;
        }
        const db = cluster;
        const theme = themes[4]!;
        const question = theme.questions[0]!;
        const formId = `reponse-${question.id}`;
        const text = `Réponse pendant la panne ${marker("panne")} : le texte doit survivre à la coupure de la base.`;
        const watched = await pages.open();
        // The 503 of the outage is logged by Chromium as a failed resource: expected here.
        watched.allowConsole(/status of 503/);
        const page = watched.page;
        await visit(page, `${pgServer.origin}/themes/${theme.id}/${question.id}/`);
        await page.locator(`#${formId}-body`).fill(text);
        await page.locator(`#${formId}-pseudonym`).fill("Sam en panne");
        await page.locator(`#${formId}-profile`).selectOption("salarie");
        await page.locator(`#${formId}-postalCode`).fill(GUERET.postalCode);
        await page.locator(`#${formId}-communeCode`).waitFor();
        await page.locator(`#${formId}-communeCode`).selectOption(GUERET.communeCode);

        await db.stop();
        const submit = page.getByRole("button", { name: frForms.submit.answer });
        const status = page.locator(`#${formId}-status`);
        const retry = page.getByRole("button", { name: frForms.retry, exact: true });
        const [outage] = await Promise.all([
          page.waitForResponse((candidate) => candidate.url().endsWith("/api/contributions")),
          submit.click(),
        ]);
        expect(outage.status()).toBe(503);
        await waitForText(page, `#${formId}-status`, /indisponible/);
        await retry.waitFor();
        expect(await page.locator(`#${formId}-body`).inputValue()).toBe(text);

        // A reload brings the draft back (with its idempotency key).
        await page.reload();
        await hydrateIslands(page);
        expect(await page.locator(`#${formId}-body`).inputValue()).toBe(text);
        expect(await page.locator(".contribution-form").textContent()).toContain("Nous avons retrouvé le brouillon");
        expect(await page.locator(`#${formId}-communeCode`).inputValue()).toBe(GUERET.communeCode);
        // Still down: the restored draft is refused the same way, and « Réessayer » comes back.
        await submit.click();
        await waitForText(page, `#${formId}-status`, /indisponible/);
        await retry.waitFor();

        await db.start();
        const [created] = await Promise.all([
          page.waitForResponse((candidate) => candidate.url().endsWith("/api/contributions")),
          retry.click(),
        ]);
        expect(created.status(), `retry after the restart: ${await created.text()}`).toBe(201);
        await page.locator(".form-success").waitFor();
        expect(await status.count()).toBe(0);

        const rows = await db.query<{ count: string }>(
          "select count(*)::text as count from public.contributions where body = $1",
          [text],
        );
        expect(rows[0]?.count).toBe("1");
      });
    });

    describe("stored XSS: vectors published through the API, shown as text everywhere", () => {
      const theme = themes[3]!;
      const questions = theme.questions.slice(0, 3);
      /** From the OWASP XSS filter evasion cheat sheet, and template injection. */
      const VECTORS = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        '"><script>alert(document.domain)</script>',
        "'><img src=x onerror=alert('XSS')>",
        '<a href="javas&#99;ript:alert(1)">clic</a>',
        '<a href="javascript:alert(1)">lien</a>',
        "<iframe src=javascript:alert(1)></iframe>",
        "<body onload=alert(1)>",
        "{{constructor.constructor('alert(1)')()}}",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-literal injection, meant as text.
        "${alert(1)}",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
        "\u003cimg src=x onerror=alert(1)\u003e",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<object data=javascript:alert(1)>",
        "<embed src=javascript:alert(1)>",
        "<style>@import 'javascript:alert(1)';</style>",
        "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
        "<base href=javascript:alert(1)//>",
        "<x onclick=alert(1)>clic</x>",
        "javascript:alert(1)",
        "<!--<img src=--><img src=x onerror=alert(1)//>",
        '=HYPERLINK("https://exemple.invalid";"clic")',
      ];
      /** Pseudonyms: 2 to 40 characters, no "@", no "http:", no "www.". */
      const PSEUDONYMS = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        '"><script>alert(1)</script>',
        "<iframe src=javascript:alert(1)>",
        "{{constructor.constructor('alert(1)')}}",
        "</textarea><script>alert(1)</script>",
        "<body onload=alert(1)>",
        "javascript:alert(1)",
        "'-alert(1)-'",
        "=cmd|' /C calc'!A0",
      ];
      type Answer = { id: string; body: string; pseudonym: string; questionId: string };
      const answers: Answer[] = [];
      const replies: { id: string; body: string; pseudonym: string }[] = [];
      const run = marker("xss");
      const initiativeName = `<script>alert(1)</script> Tiers-lieu ${run}`;
      const initiativeDescription = `${run} ${VECTORS.slice(0, 8).join(" ")}`;
      const initiativeUrl = 'https://exemple.org/"><svg/onload=alert(1)>';
      const synthesis = [
        `# Synthèse ${run}`,
        "<script>alert(1)</script>",
        "",
        '<img src=x onerror="alert(1)">',
        "",
        "[un lien](javascript:alert(1)) et ![une image](javascript:alert(1))",
        "",
        "<a href=\"javas&#99;ript:alert(1)\">clic</a> {{constructor.constructor('alert(1)')()}}",
      ].join("\n");
      let initiativeId: string;
      let javascriptUrlAnswer: { status: number; body: Record<string, unknown> };

      /** The pages a reader reaches them on, from the theme page down. */
      const readingPaths = () => [
        `/themes/${theme.id}/`,
        ...questions.map((question) => `/themes/${theme.id}/${question.id}/`),
        ...answers.map((answer) => `/contributions/${answer.id}/`),
        "/initiatives/",
        "/",
      ];

      beforeAll(async () => {
        const origin = server.origin;
        await saveSynthesis(origin, theme.id, synthesis);
        for (const [index, vector] of VECTORS.entries()) {
          const question = questions[index % questions.length]!;
          const body = `${index === VECTORS.length - 1 ? "" : `XSS${index} ${run} : `}${vector}${
            index === VECTORS.length - 1 ? ` XSS${index} ${run}` : ""
          }`;
          const pseudonym = PSEUDONYMS[index % PSEUDONYMS.length]!;
          const answer = await submitContribution(origin, {
            themeId: theme.id,
            questionId: question.id,
            body,
            ...author(pseudonym),
          });
          answers.push({
            id: createdId(answer, `answer with « ${vector} »`),
            body,
            pseudonym,
            questionId: question.id,
          });
        }
        await publish(
          origin,
          "contribution",
          answers.map((answer) => answer.id),
        );
        const parent = answers[0]!;
        for (const [index, vector] of VECTORS.slice(0, 12).entries()) {
          const body = `${vector} R${index}`;
          const pseudonym = PSEUDONYMS[(index + 3) % PSEUDONYMS.length]!;
          const reply = await submitContribution(origin, {
            parentId: parent.id,
            stance: (["for", "against", "question"] as const)[index % 3],
            body,
            ...author(pseudonym),
          });
          replies.push({ id: createdId(reply, `reply with « ${vector} »`), body, pseudonym });
        }
        await publish(
          origin,
          "contribution",
          replies.map((reply) => reply.id),
        );

        const initiative = {
          name: initiativeName,
          kind: "tiers-lieu",
          description: initiativeDescription,
          openingYear: 2016,
          ...author("<img src=x onerror=alert(1)>"),
        };
        javascriptUrlAnswer = await submitInitiative(origin, { ...initiative, url: "javascript:alert(1)" });
        initiativeId = createdId(
          await submitInitiative(origin, { ...initiative, url: initiativeUrl }),
          "initiative with vectors",
        );
        await publish(origin, "initiative", [initiativeId]);

        // Every publication has reached the pages once the last reply and the initiative show.
        const lastAnswer = answers.at(-1)!;
        await waitForPublication("every published vector", async () => {
          const read = async (path: string) => (await fetch(url(path))).text();
          const [thread, directory, last] = await Promise.all([
            read(`/contributions/${parent.id}/`),
            read("/initiatives/"),
            read(`/contributions/${lastAnswer.id}/`),
          ]);
          return (
            replies.every((_, index) => thread.includes(` R${index}`)) && directory.includes(run) && last.includes(run)
          );
        });
      }, PUBLISHING_JOURNEY.timeout);

      it("refuses a javascript: address for an initiative's website", () => {
        expect(javascriptUrlAnswer.status).toBe(400);
        expect(JSON.stringify(javascriptUrlAnswer.body.issues)).toContain('"path":"url"');
      });

      it("shows every vector as text on the reading pages, with nothing injected", { timeout: 300_000 }, async () => {
        const watched = await pages.open();
        const page = watched.page;
        // The pages that list them, then every page those link to under the same sections (permalinks,
        // initiative pages, paged lists, synthesis, open data), whatever the site has today.
        const seeds = [...readingPaths(), "/synthese/", "/donnees/"];
        const toVisit = new Set<string>();
        for (const path of seeds) {
          if ((await fetch(url(path))).status !== 200) continue;
          toVisit.add(path);
          await visit(page, url(path));
          const links = await page
            .locator("main a[href^='/']")
            .evaluateAll((anchors) => anchors.map((anchor) => (anchor.getAttribute("href") ?? "").split("#")[0] ?? ""));
          for (const link of links) {
            if (
              /^\/(contributions|initiatives|synthese|themes)\//.test(link) &&
              link.endsWith("/") &&
              link !== "/initiatives/proposer/" &&
              (!link.startsWith("/themes/") || link.startsWith(`/themes/${theme.id}/`))
            ) {
              toVisit.add(link);
            }
          }
        }
        console.log(`[e2e] stored XSS: ${toVisit.size} pages checked`);
        for (const path of toVisit) {
          await visit(page, url(path));
          await expectNothingInjected(page, path);
        }

        // Their full text and pseudonym, as text, at each permalink.
        for (const answer of answers) {
          await visit(page, url(`/contributions/${answer.id}/`));
          const article = (await page.locator("article.contribution").textContent()) ?? "";
          expect(article, `body at /contributions/${answer.id}/`).toContain(answer.body);
          expect(article, `pseudonym at /contributions/${answer.id}/`).toContain(answer.pseudonym);
        }
        await visit(page, url(`/contributions/${answers[0]!.id}/`));
        const thread = (await page.locator("section.thread").textContent()) ?? "";
        for (const reply of replies) {
          expect(thread).toContain(reply.body);
          expect(thread).toContain(reply.pseudonym);
        }
        await visit(page, url("/initiatives/"));
        const card = page.locator("article.initiative", {
          has: page.getByRole("heading", { name: initiativeName, exact: true }),
        });
        expect(await card.count(), "the initiative's name shows as text").toBe(1);
        expect(await card.textContent()).toContain(initiativeDescription);
        const website = await card
          .locator("a[href^='http']")
          .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
        expect(website).toHaveLength(1);
        expect(website[0]).toMatch(/^https:\/\/exemple\.org\//);
        // The synthesis (Markdown): its heading shows; raw HTML and javascript: links were checked above.
        await visit(page, url(`/themes/${theme.id}/`));
        expect(await page.locator("main").textContent()).toContain(`Synthèse ${run}`);

        // The search results, when the site has a search page and its index.
        if ((await fetch(url("/recherche/"))).status === 200 && (await fetch(url("/pagefind/pagefind.js"))).ok) {
          await visit(page, url(`/recherche/?q=${encodeURIComponent(run)}`));
          await page.waitForTimeout(2_000);
          await expectNothingInjected(page, "/recherche/ results");
        }
      });

      it("shows them as text in the moderation queues", async () => {
        const watched = await pages.open();
        const page = watched.page;
        await signIn(page, server.origin);
        for (const [group, status] of [
          ["Contributions", "Publiées"],
          ["Initiatives", "Publiées"],
        ] as const) {
          await openQueue(page, group, status);
          await page.locator(".mod-item").first().waitFor();
          // Oldest first: load every page of the queue.
          for (let more = 0; more < 20; more += 1) {
            const button = page.getByRole("button", { name: /^Charger les suivants/ });
            if ((await button.count()) === 0) break;
            await button.click();
            await page.waitForTimeout(300);
          }
          await expectNothingInjected(page, `/moderation/ (${group} ${status})`);
        }
        const list = (await page.locator(".mod-queue .mod-list").textContent()) ?? "";
        expect(list).toContain(initiativeName);
        expect(list).toContain(initiativeUrl);
        await openQueue(page, "Contributions", "Publiées");
        await page.locator(".mod-item").first().waitFor();
        for (let more = 0; more < 20; more += 1) {
          const button = page.getByRole("button", { name: /^Charger les suivants/ });
          if ((await button.count()) === 0) break;
          await button.click();
          await page.waitForTimeout(300);
        }
        // Not necessarily on the first page: on the demonstration clock every vector has the same
        // created_at, and the queue then orders them by id.
        await page.locator(`#moderation-item-${answers[0]!.id}-title`).waitFor();
        const contributions = (await page.locator(".mod-queue .mod-list").textContent()) ?? "";
        for (const answer of answers) expect(contributions).toContain(answer.body);
        await expectNothingInjected(page, "/moderation/ (Contributions Publiées)");
      });

      it("keeps the feeds well-formed and the CSV downloads inert", async () => {
        const watched = await pages.open();
        const page = watched.page;
        // Chromium shows a feed with its XML viewer, which asks for /favicon.ico (the site has none).
        const viewer = await pages.open({ bypassCSP: true });
        viewer.allowConsole(/status of 404.*\/favicon\.ico/);
        const found = new Set<string>(["/presse/rss.xml"]);
        for (const path of [...readingPaths(), "/donnees/", "/synthese/"]) {
          const response = await fetch(url(path));
          if (response.status !== 200) continue;
          await visit(page, url(path));
          const links = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>("a[href], link[rel=alternate][href]")]
              .map((element) => element.getAttribute("href") ?? "")
              .filter((href) => /\.(csv|xml)(\?|$)/.test(href) || href.includes("format=csv")),
          );
          for (const link of links) if (link.startsWith("/")) found.add(link);
        }
        console.log(`[e2e] feeds and downloads checked: ${[...found].join(", ")}`);
        for (const path of found) {
          const response = await fetch(url(path));
          expect(response.status, path).toBe(200);
          const type = response.headers.get("content-type") ?? "";
          expect(type, `${path} must not be served as HTML`).not.toMatch(/html/);
          const body = await response.text();
          if (path.includes(".xml")) {
            const problems = await page.evaluate((xml) => {
              const doc = new DOMParser().parseFromString(xml, "application/xml");
              const found: string[] = [];
              if (doc.querySelector("parsererror")) found.push("not well-formed XML");
              for (const element of doc.getElementsByTagName("*")) {
                if (element.namespaceURI === "http://www.w3.org/1999/xhtml")
                  found.push(`XHTML element <${element.localName}>`);
                if (/^(script|iframe|img|svg|object|embed)$/i.test(element.localName))
                  found.push(`<${element.localName}>`);
                for (const attribute of element.attributes) {
                  if (/^on/i.test(attribute.name)) found.push(`${element.localName}[${attribute.name}]`);
                }
              }
              return found;
            }, body);
            expect(problems, `${path}: injected markup`).toEqual([]);
            // Opened as a reader would, without the CSP's safety net: an injected script would run.
            await viewer.page.goto(url(path));
            await expectNothingInjected(viewer.page, path);
          }
          if (path.includes(".csv") || type.includes("csv")) {
            const cells = parseCsv(body.replace(/^\uFEFF/, "")).flat();
            const ours = cells.filter((cell) => cell.includes(run) || /HYPERLINK|cmd\|/.test(cell));
            // A spreadsheet runs a cell starting with = + - @ (OWASP, CSV injection).
            const formulas = ours.filter((cell) => /^[=+\-@\t\r]/.test(cell));
            expect(formulas, `${path}: cells a spreadsheet would run as formulas`).toEqual([]);
            if (cells.some((cell) => cell.includes(`XSS0 ${run}`))) {
              const missing = answers
                .map((answer) => answer.body)
                .filter((text) => !cells.includes(text) && !cells.includes(`'${text}`));
              expect(missing, `${path}: bodies not found verbatim in their own cells`).toEqual([]);
            }
          }
        }
      });
    });
  });
}

/** What the focused element is, for keyboard assertions. */
interface FocusState {
  tag: string;
  id: string;
  className: string;
  href: string | null;
  text: string;
  inMain: boolean;
}

async function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      id: element?.id ?? "",
      className: typeof element?.className === "string" ? element.className : "",
      href: element?.getAttribute("href") ?? null,
      text: (element?.textContent ?? "").replace(/\s+/g, " ").trim(),
      inMain: Boolean(element && document.querySelector("main")?.contains(element)),
    };
  });
}

async function expectFocusVisible(page: Page): Promise<void> {
  const indicator = await focusIndicator(page);
  expect(indicator.visible, `no visible focus on ${indicator.description}`).toBe(true);
}

/** One Tab (or Shift+Tab); the element reached must show its focus. */
async function tab(page: Page, backwards = false): Promise<FocusState> {
  await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  await expectFocusVisible(page);
  return focusState(page);
}

/** Tabs until `wanted` holds, checking the visible focus at every step. */
async function tabTo(
  page: Page,
  wanted: (focus: FocusState) => boolean,
  { backwards = false, max = 150 }: { backwards?: boolean; max?: number } = {},
): Promise<FocusState> {
  const seen: string[] = [];
  for (let step = 0; step < max; step += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const focus = await focusState(page);
    if (focus.tag === "body" || focus.tag === "") {
      throw new Error(`the wanted element was not reached before the end of the page: ${seen.join(" → ")}`);
    }
    await expectFocusVisible(page);
    if (wanted(focus)) return focus;
    seen.push(`${focus.tag}${focus.id ? `#${focus.id}` : ""}${focus.href ? `[${focus.href}]` : ""}`);
  }
  throw new Error(
    `the wanted element was not reached in ${max} ${backwards ? "Shift+Tab" : "Tab"}: ${seen.join(" → ")}`,
  );
}

/** Waits until the element's text contains `expected`. */
async function waitForText(page: Page, selector: string, expected: string | RegExp, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(
      ({ selector, source, flags }) => {
        const text = document.querySelector(selector)?.textContent ?? "";
        return flags === null ? text.includes(source) : new RegExp(source, flags).test(text);
      },
      {
        selector,
        source: typeof expected === "string" ? expected : expected.source,
        flags: typeof expected === "string" ? null : expected.flags,
      },
      { timeout },
    );
  } catch (error) {
    const actual = await page
      .locator(selector)
      .first()
      .textContent()
      .catch(() => "(missing)");
    throw new Error(
      `${selector} never said « ${String(expected)} »; it says « ${actual} » (${(error as Error).message})`,
    );
  }
}

/** Signs in at /moderation/ of the server at `origin` with the suite's token. */
async function signIn(page: Page, origin: string): Promise<void> {
  await visit(page, `${origin}/moderation/`);
  await page.getByLabel("Jeton de modération").fill(MODERATOR_TOKEN);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.locator(".mod-queue").waitFor();
}

/** The queue picker's button, e.g. « Contributions : En attente (3) ». */
async function openQueue(page: Page, group: "Contributions" | "Initiatives", status: string): Promise<void> {
  await page.getByRole("button", { name: new RegExp(`^${group} : ${status} \\(`) }).click();
  await page.waitForFunction(
    (heading) => document.querySelector("#moderation-queue-title")?.textContent?.startsWith(heading),
    `${group} ${status.toLowerCase()}`,
  );
  await page.waitForFunction(() => !document.querySelector(".mod-queue p.meta")?.textContent?.startsWith("Chargement"));
}

/**
 * Fails if the page holds anything a vector could have injected: a script
 * mentioning alert, an event-handler attribute, a javascript:/data: URL,
 * a frame, an object, a base or a refresh.
 */
async function expectNothingInjected(page: Page, label: string): Promise<void> {
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    for (const script of document.querySelectorAll("script")) {
      if (/alert|prompt\(|confirm\(/.test(script.textContent ?? ""))
        problems.push(`script: ${script.outerHTML.slice(0, 100)}`);
    }
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) problems.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
        // Pagefind's own search form (its default UI, on /recherche/) is written this way.
        const pagefindForm =
          element.localName === "form" &&
          element.closest("[class*='pagefind']") !== null &&
          attribute.value === "javascript:void(0);";
        if (
          !pagefindForm &&
          /^(href|src|action|formaction|data|xlink:href|srcdoc)$/i.test(attribute.name) &&
          /^\s*(javascript|data|vbscript):/i.test(
            [...attribute.value].filter((char) => char.charCodeAt(0) > 0x20).join(""),
          )
        ) {
          problems.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
        }
      }
    }
    for (const selector of [
      "iframe",
      "frame",
      "object",
      "embed",
      "base",
      'meta[http-equiv="refresh" i]',
      "x",
      "mglyph",
    ]) {
      for (const element of document.querySelectorAll(selector))
        problems.push(`<${selector}>: ${element.outerHTML.slice(0, 100)}`);
    }
    for (const image of document.querySelectorAll("img")) {
      if (/\/x$/.test(image.src) || image.getAttribute("src") === "x")
        problems.push(`img: ${image.outerHTML.slice(0, 100)}`);
    }
    for (const style of document.querySelectorAll("style")) {
      if (/javascript:/i.test(style.textContent ?? "")) problems.push(`style: ${style.outerHTML.slice(0, 100)}`);
    }
    return problems;
  });
  expect(found, `${label}: injected elements or attributes`).toEqual([]);
}

/** RFC 4180 records: quoted fields, doubled quotes, CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else {
      field += char;
    }
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}
