/**
 * Search, in real Chromium, on the site as `npm start` serves it (its CSP
 * included): a word found only in a published contribution finds its
 * permalink; a word found only in a pending one finds nothing; a word of a
 * press release and of the agenda finds them; no result prints its title
 * twice; a search sent from another page's header form, or from the search
 * page's own form, shows the results. Then, under `astro dev` (what `npm
 * run dev` runs, which has no index), the page says once what to run.
 *
 * The suite makes its own data: a scratch embedded database (migrated and
 * seeded), one published and one pending answer with words of their own,
 * then the site built by scripts/build.ts (Astro, then Pagefind), then
 * served by scripts/start.ts. About two minutes on a 2-core machine; the
 * dev server, a few seconds more.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, rm, utimes } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";
import type { Territory } from "../../src/server/store/store";
import { browserUnavailable, launchBrowser, WatchedPages } from "./support/browser";
import { freePort, MODERATOR_TOKEN, projectRoot, type SiteServer, startServer, waitUntil } from "./support/server";

const unavailable = browserUnavailable();
/** Building the whole site, then its index. */
const BUILD_TIMEOUT_MS = 240_000;

/** A word no text of the site holds: letters only, so that Pagefind keeps it whole. */
const uniqueWord = (prefix: string) =>
  `${prefix}${Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join("")}`;

// No shared beginning, and none a French word starts with: Pagefind matches prefixes.
const publishedWord = uniqueWord("qxw");
const pendingWord = uniqueWord("vjk");

const theme = themes[0]!;
const question = theme.questions[0]!;
const gueret: Territory = {
  postalCode: "23000",
  communeCode: "23096",
  communeName: "Guéret",
  departementCode: "23",
  departementName: "Creuse",
  regionCode: "75",
  regionName: "Nouvelle-Aquitaine",
  territoryType: "small-town",
};

/**
 * Writes the two answers into the scratch database, publishes the first,
 * and closes the database (the build and the server open it after).
 */
async function seedAnswers(dataDir: string): Promise<{ publishedId: string; pendingId: string }> {
  const { store } = await openStore({
    ...parseEnv({}),
    store: { driver: "pglite", dataDir, seedDemonstration: false },
  });
  try {
    const answer = async (word: string, pseudonym: string) => {
      const outcome = await store.submitContribution({
        kind: "answer",
        themeId: theme.id,
        questionId: question.id,
        body: `Dans notre bourg, le mot ${word} résume ce qu'un tiers-lieu apporte aux habitants.`,
        idempotencyKey: randomUUID(),
        pseudonym,
        profile: "habitant",
        territory: gueret,
        authorHash: `e2e-search-${randomBytes(8).toString("hex")}`,
        contactConsent: false,
      });
      if (outcome.outcome !== "created") throw new Error(`the answer was not created: ${outcome.outcome}`);
      return outcome.id;
    };
    const publishedId = await answer(publishedWord, "Chercheuse publiée");
    const pendingId = await answer(pendingWord, "Chercheur en attente");
    const decision = await store.moderate({
      subjectType: "contribution",
      ids: [publishedId],
      decision: "publish",
      actor: "e2e-search",
    });
    if (decision.outcome !== "decided") throw new Error(`the answer was not published: ${decision.outcome}`);
    return { publishedId, pendingId };
  } finally {
    await store.close();
  }
}

/**
 * This process's environment without what would point a child elsewhere
 * than its scratch database (CI exports DATABASE_URL for `npm run
 * test:db`), nor vitest's own settings.
 */
function childEnv(): Record<string, string> {
  const settings = ["DATABASE_URL", "SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY", "PGLITE_DATA_DIR", "PORT"];
  const vitest = ["NODE_ENV", "TEST", "MODE", "PROD", "DEV", "SSR", "BASE_URL"];
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && ![...settings, ...vitest].includes(name) && !name.startsWith("VITEST"))
      env[name] = value;
  }
  return env;
}

/** `tsx scripts/build.ts --outDir <siteDir>` on the scratch database: what `npm run build` runs. */
async function buildSite(siteDir: string, dataDir: string): Promise<void> {
  const child = spawn(join(projectRoot, "node_modules/.bin/tsx"), ["scripts/build.ts", "--outDir", siteDir], {
    cwd: projectRoot,
    env: { ...childEnv(), PGLITE_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      done(exitCode);
    });
  });
  if (code !== 0) {
    const lines = output.split("\n");
    const failure = lines.findIndex((line) => line.includes("[build] failed"));
    throw new Error(
      `scripts/build.ts failed (${code}):\n${(failure >= 0 ? lines.slice(failure, failure + 15) : lines.slice(-40)).join("\n")}`,
    );
  }
}

/** Waits for the search page's status message to give the outcome of a search, and returns it. */
async function searchOutcome(page: Page): Promise<string> {
  await page.waitForFunction(
    () => /résultat/.test(document.getElementById("recherche-statut")?.textContent ?? ""),
    undefined,
    { timeout: 30_000 },
  );
  return (await page.locator("#recherche-statut").textContent()) ?? "";
}

/** How the status reads when a search found something (« Un résultat pour … », « 2 résultats pour … »). */
const found = (word: string) => new RegExp(`^(Un|\\d+) résultats? pour ${word}$`);

/** The text of every result Pagefind's UI shows (titles and excerpts), lowercased. */
async function resultText(page: Page): Promise<string> {
  return (
    (await page
      .locator(".pagefind-ui__results")
      .textContent()
      .catch(() => "")) ?? ""
  ).toLowerCase();
}

/** The result links Pagefind's UI shows, as paths. */
async function resultLinks(page: Page): Promise<string[]> {
  return page
    .locator(".pagefind-ui__result-link")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

/** Waits until every result Pagefind's UI listed has its data (it draws placeholders first). */
async function resultsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector(".pagefind-ui__result") !== null &&
      document.querySelector(".pagefind-ui__result .pagefind-ui__loading") === null,
    undefined,
    { timeout: 30_000 },
  );
}

/**
 * Every title printed more than once inside its own block: a result's
 * title in its result (excerpt and nested parts included), a nested part's
 * title in that part. Each entry says how often, and the block's text.
 */
async function repeatedTitles(page: Page): Promise<string[]> {
  return page.locator(".pagefind-ui__result").evaluateAll((results) => {
    const text = (element: Element | null) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();
    return results.flatMap((result) =>
      [result, ...result.querySelectorAll(".pagefind-ui__result-nested")].flatMap((block) => {
        const title = text(block.querySelector(".pagefind-ui__result-link"));
        const times = text(block).split(title).length - 1;
        return times === 1 ? [] : [`${times}× « ${title} » in « ${text(block)} »`];
      }),
    );
  });
}

/** The press release that announces the consultation (src/content/press/), and the word only it and the agenda hold. */
const release = "/presse/2018-04-12-lancement-de-la-consultation/";
const visitedPlace = "recyclerie";
/** A word only the agenda holds: its calendar file's format. */
const agendaWord = "iCalendar";

/** `astro dev` (what `npm run dev` runs) on a free port, until stop(). */
async function startDevServer(): Promise<{ origin: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = join(projectRoot, ".builds", `e2e-search-dev-${randomBytes(6).toString("hex")}`);
  // --ignore-lock: Astro 7 allows one dev server per project, and a developer's own may be running.
  const child = spawn(
    process.execPath,
    [join(projectRoot, "node_modules/astro/bin/astro.mjs"), "dev", "--port", String(port), "--ignore-lock"],
    {
      cwd: projectRoot,
      // Its own scratch database, should a page open the store (the search page does not).
      env: {
        ...childEnv(),
        PGLITE_DATA_DIR: dataDir,
        MODERATOR_TOKEN,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const origin = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`astro dev exited (${child.exitCode})`);
        return (await fetch(`${origin}/recherche/`).catch(() => undefined))?.status === 200;
      },
      120_000,
      "astro dev did not serve /recherche/ within 120 s",
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}:\n${output.slice(-2000)}`);
  }
  return { origin, stop };
}

/** What the dev server's search page says instead of searching. */
const devMessage = "La recherche n'existe que sur le site construit";

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("Search (Pagefind in Chromium)", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("Search (Pagefind in Chromium)", () => {
    const scratchDir = join(projectRoot, ".builds", `e2e-search-data-${randomBytes(6).toString("hex")}`);
    const dataDir = join(scratchDir, "pglite");
    const siteDir = join(scratchDir, "site");
    let ids: { publishedId: string; pendingId: string };
    /** The script-src the server sends: Pagefind needs 'wasm-unsafe-eval' in it. */
    let scriptSrc = "";
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const url = (path: string) => `${server.origin}${path}`;

    beforeAll(async () => {
      await mkdir(scratchDir, { recursive: true });
      ids = await seedAnswers(dataDir);
      await buildSite(siteDir, dataDir);
      // Newer than any source: the server serves this build (with its index) instead of rebuilding
      // because someone edited a file meanwhile.
      const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
      await utimes(join(siteDir, "index.html"), tomorrow, tomorrow);
      [server, browser] = await Promise.all([
        startServer({ label: "e2e-search", copySiteFrom: siteDir, env: { PGLITE_DATA_DIR: dataDir } }),
        launchBrowser(),
      ]);
      const policy = (await fetch(url("/recherche/"))).headers.get("content-security-policy") ?? "";
      scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
    });

    /** Fails at once, rather than after a timeout, when the CSP would block Pagefind's WebAssembly. */
    const expectWasmAllowed = () =>
      expect(
        scriptSrc,
        "Pagefind's search runs in WebAssembly: script-src needs 'wasm-unsafe-eval' (src/integrations/security-headers.ts)",
      ).toContain("'wasm-unsafe-eval'");

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await rm(scratchDir, { recursive: true, force: true });
    });

    afterEach(() => pages.closeAll());

    it("is served under a CSP that lets Pagefind compile its WebAssembly", () => {
      expectWasmAllowed();
    });

    it("finds a published contribution by a word of its own", async () => {
      expectWasmAllowed();
      const { page } = await pages.open();
      await page.goto(url(`/recherche/?q=${publishedWord}`));
      expect(await searchOutcome(page)).toMatch(found(publishedWord));
      // Its permalink, and the pages that show it (its theme page lists the most supported answers).
      expect(await resultLinks(page)).toContain(`/contributions/${ids.publishedId}/`);
      expect(await resultText(page)).toContain(publishedWord);
      await expect(page.locator("#recherche-q").inputValue()).resolves.toBe(publishedWord);
    });

    it("finds nothing for a word only a pending contribution holds", async () => {
      expectWasmAllowed();
      const { page } = await pages.open();
      await page.goto(url(`/recherche/?q=${pendingWord}`));
      await searchOutcome(page);
      // Pagefind falls back on approximate matches when a word is nowhere (1.5+): whatever it
      // shows, no result holds the word, and none leads to the pending contribution.
      expect(await resultText(page)).not.toContain(pendingWord);
      expect((await resultLinks(page)).filter((path) => path.includes(ids.pendingId))).toEqual([]);
      expect((await fetch(url(`/contributions/${ids.pendingId}/`))).status).toBe(404);
    });

    it("finds the press release and the agenda by the place they both name", async () => {
      expectWasmAllowed();
      const { page } = await pages.open();
      await page.goto(url(`/recherche/?q=${visitedPlace}`));
      expect(await searchOutcome(page)).toMatch(found(visitedPlace));
      await resultsDrawn(page);
      const links = await resultLinks(page);
      expect(links).toContain(release);
      expect(links).toContain("/agenda/");
    });

    it("finds the agenda, and it alone, by a word only it holds", async () => {
      expectWasmAllowed();
      const { page } = await pages.open();
      await page.goto(url(`/recherche/?q=${agendaWord}`));
      expect(await searchOutcome(page)).toMatch(found(agendaWord));
      await resultsDrawn(page);
      expect(new Set(await resultLinks(page))).toEqual(new Set(["/agenda/"]));
    });

    it("prints each result's title once: not again in its excerpt, nor as a part of its own page", async () => {
      expectWasmAllowed();
      const { page } = await pages.open();
      // A permalink (its h1 has an id: Pagefind makes it a part of the page), the agenda (its
      // excerpt starts with its h1), the press release (its parts start with their headings).
      for (const [term, expected] of [
        [publishedWord, `/contributions/${ids.publishedId}/`],
        ["agenda", "/agenda/"],
        [visitedPlace, release],
      ] as const) {
        await page.goto(url(`/recherche/?q=${term}`));
        await searchOutcome(page);
        await resultsDrawn(page);
        expect(await resultLinks(page), term).toContain(expected);
        expect(await repeatedTitles(page), term).toEqual([]);
      }
    });

    it("takes a search from the header form of any page to the results", async () => {
      expectWasmAllowed();
      const { page } = await pages.open();
      await page.goto(url("/mission/"));
      await page.getByRole("searchbox", { name: "Rechercher dans le site" }).fill(publishedWord);
      await Promise.all([
        page.waitForURL(/\/recherche\/\?q=/),
        page.getByRole("button", { name: "Rechercher", exact: true }).click(),
      ]);
      expect(new URL(page.url()).searchParams.get("q")).toBe(publishedWord);
      expect(await searchOutcome(page)).toMatch(found(publishedWord));
      expect(await resultLinks(page)).toContain(`/contributions/${ids.publishedId}/`);
    });

    it("searches in place from its own labelled form, keeping the query in the address and the focus in the field", async () => {
      expectWasmAllowed();
      const { page } = await pages.open();
      await page.goto(url("/recherche/"));
      const field = page.getByRole("searchbox", { name: "Mots recherchés" });
      await field.fill(publishedWord);
      await field.press("Enter");
      expect(await searchOutcome(page)).toMatch(found(publishedWord));
      expect(new URL(page.url()).searchParams.get("q")).toBe(publishedWord);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("recherche-q");
      // One search landmark on the page: Pagefind's own form is not a second one.
      expect(await page.getByRole("search").count()).toBe(1);
      expect(await page.locator(".pagefind-ui__search-input").isVisible()).toBe(false);
    });
  });
  describe("Search under astro dev (npm run dev, no index)", () => {
    let dev: { origin: string; stop(): Promise<void> };
    let browser: Browser;
    const pages = new WatchedPages(() => browser);

    beforeAll(async () => {
      [dev, browser] = await Promise.all([startDevServer(), launchBrowser()]);
    });

    afterAll(async () => {
      await browser?.close();
      await dev?.stop();
    });

    afterEach(() => pages.closeAll());

    it("says once, with no JavaScript, that search exists on the built site, and what to run", async () => {
      const html = await (await fetch(`${dev.origin}/recherche/?q=${publishedWord}`)).text();
      expect(html.split(devMessage).length - 1).toBe(1);
      expect(html).toMatch(/<code[^>]*>npm start<\/code>/);
      // No second message: neither the built site's « needs JavaScript » nor its « unavailable ».
      expect(html).not.toMatch(/<noscript|n'est pas disponible|recherche-statut/);
      expect(html.slice(html.lastIndexOf("</html>") + "</html>".length).trim()).toBe("");
    });

    it("says it once with JavaScript too, and loads no index", async () => {
      const { page } = await pages.open();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(`${dev.origin}/recherche/?q=${publishedWord}`, { waitUntil: "networkidle" });
      const main = (await page.locator("main").textContent()) ?? "";
      expect(main.split(devMessage).length - 1).toBe(1);
      expect(main).not.toContain("n'est pas disponible");
      await expect(page.locator("#recherche-q").inputValue()).resolves.toBe(publishedWord);
      expect(requested.filter((path) => path.startsWith("/pagefind/"))).toEqual([]);
    });
  });
}
