/**
 * Checks the built site in dist/ (npm test builds it first): every expected
 * page is there with its metadata, every internal link and anchor resolves,
 * reading pages carry no script (only action pages, with a form, do), the
 * agenda and the feeds parse. The published content is checked against the
 * database the build read (the same environment, opened after the build):
 * every published answer and reply is on the site, with its counts, and no
 * pending or rejected text is anywhere in dist/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import ICAL from "ical.js";
import type { HTMLElement } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoBannerSentence } from "../../src/components/demo-banner";
import { window as consultationWindow, findQuestion, themes } from "../../src/domain/consultation";
import { stances } from "../../src/domain/contribution.schema";
import { ANSWERS_PER_PAGE } from "../../src/domain/paging";
import { consultationStatus } from "../../src/server/clock";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";
import type { PublicSnapshot, QueueItem, SubjectType } from "../../src/server/store/store";
import { openBuiltSite } from "./built-site";

const dist = resolve(import.meta.dirname, "../..", process.env.BUILD_DIR ?? "dist");

// The database the build read: the expected pages depend on what it holds. The embedded
// database's folder lock is free once the build process has ended.
const { store } = await openStore(parseEnv());
afterAll(() => store.close());
const snapshot = await store.publicSnapshot();

type ContributionRow = PublicSnapshot["contributions"][number];

/** Published answers, which get a permalink (those to a question of the content: no other has a page). */
const publishedAnswers = snapshot.contributions.filter(
  (row) => row.parent_id === null && findQuestion(row.theme_id, row.question_id) !== undefined,
);

/** The published answers to one question, in the order the site must show them: most supported first. */
function rankedAnswers(themeId: string, questionId: string): ContributionRow[] {
  return publishedAnswers
    .filter((row) => row.theme_id === themeId && row.question_id === questionId)
    .sort(
      (a, b) =>
        b.support - a.support ||
        a.disagree - b.disagree ||
        Date.parse(a.published_at) - Date.parse(b.published_at) ||
        (a.id < b.id ? -1 : 1),
    );
}

const questionPaths = themes.flatMap((theme) =>
  theme.questions.map((question) => ({ theme, question, path: `/themes/${theme.id}/${question.id}/` })),
);

/** Pages 2 and beyond of each question's answers: reading pages. */
const pagerPages = questionPaths.flatMap(({ theme, question, path }) => {
  const pages = Math.ceil(rankedAnswers(theme.id, question.id).length / ANSWERS_PER_PAGE);
  return Array.from({ length: Math.max(0, pages - 1) }, (_, index) => `${path}page/${index + 2}/`);
});

const permalinks = publishedAnswers.map((row) => `/contributions/${row.id}/`);

/**
 * Pages where a person acts: the only ones allowed to load JavaScript (a
 * React island) and the form stylesheet.
 */
const actionPages = [...questionPaths.map(({ path }) => path), "/initiatives/proposer/", ...permalinks];

/**
 * Applications rather than forms: the moderators' page (one island, no form
 * before sign-in, kept out of search engines) and the search page (Pagefind's
 * script, no island).
 */
const appPages = ["/moderation/", "/recherche/", "/desinscription/", "/suivi/"];

/** Published initiatives: a page each, and pages per région and per kind that have some. */
const initiativePages = [
  ...snapshot.initiatives.map((row) => `/initiatives/${row.id}/`),
  ...[...new Set(snapshot.initiatives.map((row) => row.region_code))].map((code) => `/initiatives/region/${code}/`),
  ...[...new Set(snapshot.initiatives.map((row) => row.kind))].map((kind) => `/initiatives/type/${kind}/`),
];

/** Pages with no canonical URL and out of the sitemap. */
const noindexPages = ["/404.html", "/moderation/", "/desinscription/", "/suivi/"];

const expectedPages = [
  "/",
  "/mission/",
  "/themes/",
  ...themes.map((theme) => `/themes/${theme.id}/`),
  ...actionPages,
  ...pagerPages,
  "/initiatives/",
  ...initiativePages,
  "/synthese/",
  "/donnees/",
  "/recherche/",
  "/agenda/",
  "/presse/",
  "/presse/2018-04-12-lancement-de-la-consultation/",
  "/mentions-legales/",
  "/donnees-personnelles/",
  "/accessibilite/",
  "/plan-du-site/",
  "/404.html",
  "/moderation/",
  "/desinscription/",
  "/suivi/",
];

let site: URL;
const { fileFor, load, htmlFiles } = openBuiltSite(dist);

beforeAll(() => {
  if (!existsSync(join(dist, "index.html"))) {
    throw new Error("dist/ has no built site: `npm test` builds it first; to run this file alone, `npm run build`.");
  }
  const canonical = load(join(dist, "index.html")).querySelector('link[rel="canonical"]')?.getAttribute("href");
  site = new URL(canonical ?? "");
});

describe("built pages", () => {
  it("include every expected page", () => {
    const missing = expectedPages.filter((page) => !existsSync(fileFor(page)));
    expect(missing).toEqual([]);
  });

  it.each(expectedPages)("%s has its title, description, canonical URL, social tags and skip link", (page) => {
    const document = load(fileFor(page));
    const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content") ?? "";
    expect(document.querySelector("html")?.getAttribute("lang")).toBe("fr");
    expect(document.querySelector("title")?.text.trim().length).toBeGreaterThan(10);
    expect(meta('meta[name="description"]').length).toBeGreaterThan(30);
    if (!noindexPages.includes(page)) {
      expect(document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(new URL(page, site).href);
      expect(meta('meta[property="og:url"]')).toBe(new URL(page, site).href);
    }
    for (const property of ["og:title", "og:description", "og:image", "og:type", "og:locale"]) {
      expect(meta(`meta[property="${property}"]`), property).not.toBe("");
    }
    expect(meta('meta[name="twitter:card"]')).toBe("summary_large_image");
    expect(meta('meta[name="twitter:image"]')).toBe(meta('meta[property="og:image"]'));
    const skip = document.querySelector("a.skip-link");
    expect(skip?.getAttribute("href")).toBe("#contenu");
    expect(document.querySelector("main#contenu")).not.toBeNull();
    expect(document.querySelectorAll("h1")).toHaveLength(1);
  });

  it("keep the space between a word and an inline element where the source breaks the line", () => {
    // Astro 7's default whitespace rule ("jsx") drops a line break next to an element, which
    // turned `</time>⏎(heure de Paris)` into `</time>(heure de Paris)`. React islands follow
    // JSX rules on purpose and are left out.
    const inline = "a|abbr|code|em|strong|time";
    const glued = new RegExp(`</(?:${inline})>[\\p{L}(]|[\\p{L},.:)]<(?:${inline})[\\s>]`, "u");
    const problems = htmlFiles(dist).flatMap((file) => {
      const html = readFileSync(file, "utf8").replace(/<(script|style|astro-island)\b[\s\S]*?<\/\1>/g, "");
      const found = glued.exec(html);
      return found ? [`${relative(dist, file)}: …${html.slice(Math.max(0, found.index - 30), found.index + 20)}…`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("carry no script, but on action pages: reading pages work without JavaScript", () => {
    const actionFiles = new Set([...actionPages, ...appPages].map((page) => fileFor(page)));
    const withScripts = htmlFiles(dist)
      .filter((file) => !actionFiles.has(file) && /<script\b/i.test(readFileSync(file, "utf8")))
      .map((file) => relative(dist, file));
    expect(withScripts).toEqual([]);
  });

  it("load the form island and its stylesheet on action pages only", () => {
    const stylesheets = (document: HTMLElement) =>
      document
        .querySelectorAll('link[rel="stylesheet"]')
        .map((link) => readFileSync(fileFor(link.getAttribute("href") ?? ""), "utf8"))
        .concat(document.querySelectorAll("style").map((style) => style.text))
        .join("\n");
    for (const page of actionPages) {
      const document = load(fileFor(page));
      expect(document.querySelector("astro-island form"), page).not.toBeNull();
      expect(stylesheets(document), page).toContain(".error-summary");
    }
    for (const page of expectedPages.filter((page) => !actionPages.includes(page) && !appPages.includes(page))) {
      expect(stylesheets(load(fileFor(page))), page).not.toContain(".error-summary");
    }
  });

  it("include the reading pages of published content: the initiatives and, for long lists, pages of answers", () => {
    // Sanity: the build read a database with published content (the seed has some).
    expect(publishedAnswers.length).toBeGreaterThan(0);
    expect(existsSync(fileFor("/initiatives/"))).toBe(true);
    for (const page of pagerPages) expect(existsSync(fileFor(page)), page).toBe(true);
  });

  it("give a permalink to published answers only", () => {
    // Folders only: contributions/rss.xml is the feed.
    const built = readdirSync(join(dist, "contributions"))
      .filter((name) => !name.includes("."))
      .sort();
    expect(built).toEqual(publishedAnswers.map((row) => row.id).sort());
  });

  it("mark a permalink as an article, described by its excerpt", () => {
    for (const row of publishedAnswers) {
      const document = load(fileFor(`/contributions/${row.id}/`));
      expect(document.querySelector('meta[property="og:type"]')?.getAttribute("content")).toBe("article");
      const description = document.querySelector('meta[name="description"]')?.getAttribute("content") ?? "";
      expect(normalise(row.body).startsWith(normalise(description).replace(/^« /, "").slice(0, 40))).toBe(true);
    }
  });

  it("link every question from its theme page to its own page", () => {
    for (const theme of themes) {
      const document = load(fileFor(`/themes/${theme.id}/`));
      for (const question of theme.questions) {
        const link = document
          .getElementById(question.id)
          ?.querySelector(`a[href="/themes/${theme.id}/${question.id}/"]`);
        expect(link?.text, question.id).toContain("Répondre à cette question");
      }
    }
  });

  it("show the demonstration banner, since the default build runs the demonstration clock", () => {
    for (const page of expectedPages) {
      expect(load(fileFor(page)).querySelector(".demo-banner")?.text, page).toContain("Mode démonstration");
    }
  });

  it("date all activity on the demonstration clock: no instant after it or before the opening, « calculés le » at it", () => {
    const status = consultationStatus();
    expect(status.mode).toBe("demo");
    const clock = status.now.getTime();
    const year = consultationWindow.opensAt.getUTCFullYear();
    let instants = 0;
    for (const file of htmlFiles(dist)) {
      const page = relative(dist, file);
      for (const time of load(file).querySelectorAll("time[datetime]")) {
        const value = time.getAttribute("datetime") ?? "";
        // An instant (publication, update, computation, generation) is activity; a day is the content's calendar.
        if (value.includes("T")) {
          instants += 1;
          expect(Date.parse(value), `${page}: ${time.text}`).toBeGreaterThanOrEqual(
            consultationWindow.opensAt.getTime(),
          );
          expect(Date.parse(value), `${page}: ${time.text}`).toBeLessThanOrEqual(clock);
        } else {
          expect(value.slice(0, 4), `${page}: ${time.text}`).toBe(String(year));
        }
      }
    }
    expect(instants).toBeGreaterThan(50);
    const computed = load(fileFor("/synthese/"))
      .querySelectorAll("time[datetime]")
      .find((time) => time.parentNode?.text.includes("Chiffres calculés le"));
    expect(Date.parse(computed?.getAttribute("datetime") ?? "")).toBe(clock);
    expect(normalise(load(fileFor("/")).querySelector(".demo-banner")?.text ?? "")).toBe(
      `Mode démonstration : ${demoBannerSentence(status.state, status.now)}`,
    );
  });

  it("give every question of a theme its own anchor", () => {
    for (const theme of themes) {
      const document = load(fileFor(`/themes/${theme.id}/`));
      for (const question of theme.questions) {
        expect(document.getElementById(question.id)?.text, question.id).toContain(question.title);
      }
    }
  });

  it("keep the 404 and moderation pages out of the index", () => {
    for (const page of noindexPages) {
      expect(load(fileFor(page)).querySelector('meta[name="robots"]')?.getAttribute("content"), page).toBe("noindex");
    }
  });
});

describe("internal links", () => {
  it("all resolve to a built file, and their anchors to an element of that page", () => {
    expect(openBuiltSite(dist).brokenLinks(site)).toEqual([]);
  });
});

describe("browser scripts", () => {
  it("name no folder of the machine that built them", () => {
    const root = resolve(import.meta.dirname, "../..");
    const scripts = readdirSync(join(dist, "_astro")).filter((name) => name.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    const naming = scripts.filter((name) => readFileSync(join(dist, "_astro", name), "utf8").includes(root));
    expect(naming, `scripts that contain ${root}`).toEqual([]);
  });
});

describe("agenda.ics", () => {
  it("parses as iCalendar with three or more events, times in Europe/Paris", () => {
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(dist, "agenda.ics"), "utf8")));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
    const timed = events.find((event) => !event.startDate.isDate);
    expect(timed?.startDate.toString()).toBe("2018-04-12T00:00:00");
    expect(events.map((event) => event.startDate.toString())).toContain("2018-04-13");
  });

  it("is stamped (DTSTAMP) by the consultation's clock, as every date the site writes", () => {
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(dist, "agenda.ics"), "utf8")));
    const stamps = calendar
      .getAllSubcomponents("vevent")
      .map((vevent) =>
        (vevent.getFirstPropertyValue("dtstamp") as InstanceType<typeof ICAL.Time>).toJSDate().getTime(),
      );
    const status = consultationStatus();
    if (status.mode === "demo") expect(new Set(stamps)).toEqual(new Set([status.now.getTime()]));
    else for (const stamp of stamps) expect(stamp).toBeLessThanOrEqual(Date.now());
  });
});

describe("feeds and sitemap", () => {
  it("list the press releases in an RSS feed whose links resolve", () => {
    const feed = readFileSync(join(dist, "presse/rss.xml"), "utf8");
    expect(feed).toContain("<language>fr-fr</language>");
    const items = [...feed.matchAll(/<item>(.*?)<\/item>/gs)].map((match) => match[1] ?? "");
    const links = items.map((item) => new URL(/<link>([^<]+)<\/link>/.exec(item)?.[1] ?? ""));
    expect(links.length).toBeGreaterThanOrEqual(1);
    for (const link of links) expect(existsSync(fileFor(link.pathname)), link.href).toBe(true);
  });

  it("name the sitemap in robots.txt with the site's absolute URL, and keep crawlers off the API only", () => {
    const robots = readFileSync(join(dist, "robots.txt"), "utf8");
    const sitemap = /^Sitemap: (\S+)$/m.exec(robots)?.[1] ?? "";
    expect(new URL(sitemap).pathname).toBe("/sitemap-index.xml");
    expect(existsSync(join(dist, "sitemap-index.xml"))).toBe(true);
    expect(robots.match(/^Disallow: .*$/gm)).toEqual(["Disallow: /api/"]);
    expect(robots).toMatch(/^User-agent: \*$/m);
  });

  it("list every page but the 404 in the sitemap", () => {
    const index = readFileSync(join(dist, "sitemap-index.xml"), "utf8");
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname);
    const urls = sitemaps.flatMap((sitemap) =>
      [...readFileSync(join(dist, sitemap), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map(
        (match) => new URL(match[1] ?? "").pathname,
      ),
    );
    expect(urls.sort()).toEqual(expectedPages.filter((page) => !noindexPages.includes(page)).sort());
  });
});

/** Whitespace collapsed, as a browser shows text. */
function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** HTML entities decoded, so that a text can be looked for in any built file, HTML or not. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code[0] !== "#") return named[code.toLowerCase()] ?? entity;
    return String.fromCodePoint(
      code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1)),
    );
  });
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

/** Every moderation queue item of one status, page after page. */
async function queue(subjectType: SubjectType, status: "pending" | "rejected"): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (;;) {
    const last = items.at(-1);
    const page = await store.moderationQueue({
      subjectType,
      status,
      limit: 200,
      after: last && { createdAt: last.created_at, id: last.id },
    });
    items.push(...page);
    if (page.length < 200) return items;
  }
}

/** The ids of the permalinks a list links to, in order. */
function linkedAnswers(element: HTMLElement | null | undefined): string[] {
  return (element?.querySelectorAll('.answers a[href^="/contributions/"]') ?? []).map(
    (link) => /\/contributions\/([^/]+)\//.exec(link.getAttribute("href") ?? "")?.[1] ?? "",
  );
}

describe("published content, against the database the build read", () => {
  it("gives every published answer a permalink with its full text, author and question", () => {
    for (const row of publishedAnswers) {
      const document = load(fileFor(`/contributions/${row.id}/`));
      const article = document.querySelector("article.contribution");
      const text = normalise(article?.text ?? "");
      for (const paragraph of row.body.split(/\n\s*\n/)) expect(text, row.id).toContain(normalise(paragraph));
      expect(document.querySelector("h1")?.text, row.id).toContain(row.pseudonym);
      expect(text, row.id).toContain(row.commune_name);
      expect(article?.querySelector(`a[href="/themes/${row.theme_id}/${row.question_id}/"]`), row.id).not.toBeNull();
    }
  });

  it("shows every published reply in the thread of its answer, with its stance in words", () => {
    const answerIds = new Set(publishedAnswers.map((row) => row.id));
    const parentOf = new Map(snapshot.contributions.map((row) => [row.id, row.parent_id]));
    const replies = snapshot.contributions.filter((row) => row.parent_id !== null);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      // The root of its thread: replies may answer replies.
      let root: string | null | undefined = reply.parent_id;
      while (root && !answerIds.has(root)) root = parentOf.get(root);
      expect(root, `reply ${reply.id} has a published answer at the root of its thread`).toBeTruthy();
      const item = load(fileFor(`/contributions/${root}/`)).getElementById(`reponse-${reply.id}`);
      const text = normalise(item?.text ?? "");
      expect(text, reply.id).toContain(normalise(reply.body));
      expect(text, reply.id).toContain(reply.pseudonym);
      expect(item?.querySelector(".stance")?.text, reply.id).toBe(stances[reply.stance ?? "question"]);
    }
  });

  it("shows the reaction counts of the database on each permalink", () => {
    for (const row of publishedAnswers) {
      const document = load(fileFor(`/contributions/${row.id}/`));
      const buttons = document.querySelectorAll("article.contribution astro-island button.reaction");
      if (buttons.length > 0) {
        // While the consultation is open: the reaction buttons, rendered at build with the counts.
        expect(
          buttons.map((button) => normalise(button.text)),
          row.id,
        ).toEqual([`Je soutiens (${row.support})`, `Je ne suis pas d'accord (${row.disagree})`]);
      } else {
        const summary = normalise(document.querySelector(".reaction-summary")?.text ?? "");
        expect(summary, row.id).toMatch(new RegExp(`^${row.support} soutiens?, ${row.disagree} désaccords?$`));
      }
    }
  });

  it("lists every answer of a question once, most supported first, 20 to a page, with an accessible pager", () => {
    for (const { theme, question, path } of questionPaths) {
      // A closed question has counts, not texts (tests/build/closed-questions.test.ts).
      if (question.type !== "open") continue;
      const expected = rankedAnswers(theme.id, question.id).map((row) => row.id);
      const pages = Math.max(1, Math.ceil(expected.length / ANSWERS_PER_PAGE));
      const listed: string[] = [];
      for (let page = 1; page <= pages; page++) {
        const document = load(fileFor(page === 1 ? path : `${path}page/${page}/`));
        const onPage = linkedAnswers(document.querySelector("#reponses")?.parentNode);
        expect(onPage.length, `${path} page ${page}`).toBeLessThanOrEqual(ANSWERS_PER_PAGE);
        listed.push(...onPage);
        if (pages > 1) {
          const pager = document.querySelector('nav.pager[aria-label="Pages des réponses"]');
          expect(pager?.querySelector('a[aria-current="page"]')?.text, `${path} page ${page}`).toContain(String(page));
          const rels = document.querySelectorAll('head link[rel="prev"], head link[rel="next"]');
          expect(rels.length, `${path} page ${page}`).toBe(page === 1 || page === pages ? 1 : 2);
        }
        if (page > 1) {
          // Reading pages: no form, and a way back to the one that has it.
          // The header's search form is on every page; no contribution form here.
          expect(document.querySelector("main form"), `${path} page ${page}`).toBeNull();
          expect(document.querySelector(`main a[href="${path}"]`), `${path} page ${page}`).not.toBeNull();
        }
      }
      expect(listed, path).toEqual(expected);
      if (expected.length === 0) expect(load(fileFor(path)).text).toContain("Aucune réponse publiée pour l'instant");
    }
  });

  it("shows under each question of a theme page its three most supported answers and how many there are", () => {
    for (const { theme, question, path } of questionPaths) {
      if (question.type !== "open") continue;
      const expected = rankedAnswers(theme.id, question.id);
      const block = load(fileFor(`/themes/${theme.id}/`)).getElementById(question.id);
      expect(linkedAnswers(block), question.id).toEqual(expected.slice(0, 3).map((row) => row.id));
      const text = normalise(block?.text ?? "");
      if (expected.length === 0) expect(text).toContain("Aucune réponse publiée pour l'instant");
      else if (expected.length === 1) expect(text).toContain("Voir la réponse publiée");
      else expect(text).toContain(`Voir les ${expected.length} réponses publiées`);
      if (expected.length > 0) expect(block?.querySelector(`a[href="${path}#reponses"]`), question.id).not.toBeNull();
      for (const row of expected.slice(0, 3)) {
        const card = block?.querySelector(`#contribution-${row.id}`)?.parentNode;
        expect(normalise(card?.text ?? ""), row.id).toContain(`${row.support} soutien`);
        expect(normalise(card?.text ?? ""), row.id).toContain(row.departement_name);
      }
    }
  });

  it("lists every published initiative by région, linking only http(s) sites, as user content", () => {
    const document = load(fileFor("/initiatives/"));
    const text = normalise(document.text);
    for (const row of snapshot.initiatives) {
      expect(document.getElementById(`initiative-${row.id}`)?.text, row.id).toBe(row.name);
      for (const paragraph of row.description.split(/\n\s*\n/)) expect(text, row.id).toContain(normalise(paragraph));
    }
    const external = document
      .querySelectorAll("main a")
      .filter((link) => /^[a-z]+:/i.test(link.getAttribute("href") ?? ""));
    expect(external.length).toBe(snapshot.initiatives.filter((row) => row.url).length);
    for (const link of external) {
      expect(link.getAttribute("href")).toMatch(/^https?:\/\//);
      expect(link.getAttribute("rel")).toBe("nofollow ugc noopener");
    }
    expect(document.querySelector('main a[href="/initiatives/proposer/"]')).not.toBeNull();
  });

  it("puts no pending or rejected text anywhere in dist/", async () => {
    const hidden = [
      ...(await queue("contribution", "pending")),
      ...(await queue("contribution", "rejected")),
      ...(await queue("initiative", "pending")),
      ...(await queue("initiative", "rejected")),
    ];
    // The seed holds pending and rejected contributions and initiatives: without them this proves nothing.
    expect(hidden.filter((item) => item.subject_type === "contribution").length).toBeGreaterThan(0);
    expect(hidden.filter((item) => item.subject_type === "initiative").length).toBeGreaterThan(0);

    const published = normalise(
      [
        ...snapshot.contributions.map((row) => row.body),
        ...snapshot.initiatives.flatMap((row) => [row.name, row.description, row.url ?? ""]),
      ].join("\n"),
    );
    // A slice of the beginning (what excerpts and descriptions show) and one of the middle of each text.
    const slices = hidden.flatMap((item) => {
      const texts =
        item.subject_type === "contribution"
          ? [item.body, item.moderation_reason ?? ""]
          : [item.name, item.description, item.url ?? "", item.moderation_reason ?? ""];
      return texts.flatMap((text) => {
        const flat = normalise(text);
        const middle = Math.max(0, Math.floor(flat.length / 2) - 24);
        return [flat.slice(0, 48), flat.slice(middle, middle + 48)]
          .filter((slice) => slice.length >= 12 && !published.includes(slice))
          .map((slice) => ({ id: item.id, slice }));
      });
    });
    expect(slices.length).toBeGreaterThan(hidden.length);

    const binary = new Set([".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".avif"]);
    const leaks: string[] = [];
    for (const file of allFiles(dist).filter((path) => !binary.has(extname(path)))) {
      const content = normalise(decodeEntities(readFileSync(file, "utf8")));
      for (const { id, slice } of slices) {
        if (content.includes(slice)) leaks.push(`${relative(dist, file)}: ${id} « ${slice} »`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
