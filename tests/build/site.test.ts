/**
 * Checks the built site in dist/ (npm test builds it first): every expected
 * page is there with its metadata, every internal link and anchor resolves,
 * reading pages carry no script (only action pages, with a form, do), the
 * agenda and the feeds parse.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ICAL from "ical.js";
import { type HTMLElement, parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";

const dist = join(import.meta.dirname, "../../dist");

/**
 * Pages where a person acts: the only ones allowed to load JavaScript (a
 * React island) and the form stylesheet.
 */
const actionPages = [
  ...themes.flatMap((theme) => theme.questions.map((question) => `/themes/${theme.id}/${question.id}/`)),
  "/initiatives/proposer/",
];

const expectedPages = [
  "/",
  "/mission/",
  "/themes/",
  ...themes.map((theme) => `/themes/${theme.id}/`),
  ...actionPages,
  "/agenda/",
  "/presse/",
  "/presse/2018-04-12-lancement-de-la-consultation/",
  "/mentions-legales/",
  "/donnees-personnelles/",
  "/accessibilite/",
  "/plan-du-site/",
  "/404.html",
];

/** dist-relative file for a URL path: /a/ → a/index.html. */
function fileFor(pathname: string): string {
  const decoded = decodeURIComponent(pathname);
  return join(dist, decoded.endsWith("/") ? `${decoded}index.html` : decoded);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const documents = new Map<string, HTMLElement>();
let site: URL;

function load(file: string): HTMLElement {
  let document = documents.get(file);
  if (!document) {
    document = parse(readFileSync(file, "utf8"));
    documents.set(file, document);
  }
  return document;
}

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
    if (page !== "/404.html") {
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

  it("carry no script, but on action pages: reading pages work without JavaScript", () => {
    const actionFiles = new Set(actionPages.map((page) => fileFor(page)));
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
    for (const page of expectedPages.filter((page) => !actionPages.includes(page))) {
      expect(stylesheets(load(fileFor(page))), page).not.toContain(".error-summary");
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

  it("give every question of a theme its own anchor", () => {
    for (const theme of themes) {
      const document = load(fileFor(`/themes/${theme.id}/`));
      for (const question of theme.questions) {
        expect(document.getElementById(question.id)?.text, question.id).toContain(question.title);
      }
    }
  });

  it("keep 404 out of the index", () => {
    expect(load(fileFor("/404.html")).querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
  });
});

describe("internal links", () => {
  it("all resolve to a built file, and their anchors to an element of that page", () => {
    const broken: string[] = [];
    for (const file of htmlFiles(dist)) {
      const from = `/${relative(dist, file).replace(/index\.html$/, "")}`;
      const document = load(file);
      const targets = [
        ...document.querySelectorAll("a[href], link[href]").map((element) => element.getAttribute("href") ?? ""),
        ...document.querySelectorAll("img[src]").map((element) => element.getAttribute("src") ?? ""),
        ...document
          .querySelectorAll('meta[property="og:image"], meta[property="og:url"], meta[name="twitter:image"]')
          .map((element) => element.getAttribute("content") ?? ""),
      ];
      for (const target of targets) {
        const url = new URL(target, new URL(from, site));
        if (url.origin !== site.origin) continue;
        const targetFile = fileFor(url.pathname);
        if (!existsSync(targetFile)) {
          broken.push(`${from} → ${target} (no ${relative(dist, targetFile)})`);
          continue;
        }
        const anchor = decodeURIComponent(url.hash.slice(1));
        if (anchor && targetFile.endsWith(".html") && !load(targetFile).getElementById(anchor)) {
          broken.push(`${from} → ${target} (no element with id "${anchor}")`);
        }
      }
    }
    expect(broken).toEqual([]);
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

  it("list every page but the 404 in the sitemap", () => {
    const index = readFileSync(join(dist, "sitemap-index.xml"), "utf8");
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname);
    const urls = sitemaps.flatMap((sitemap) =>
      [...readFileSync(join(dist, sitemap), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map(
        (match) => new URL(match[1] ?? "").pathname,
      ),
    );
    expect(urls.sort()).toEqual(expectedPages.filter((page) => page !== "/404.html").sort());
  });
});
