/**
 * The structure of a few built pages (BUILD_DIR, dist/ by default): the
 * moderation page on its work layout (no public navigation, its title in a
 * one-line header, still French, noindex, with the skip link and the
 * landmarks), the 404 page aligned with the header like the other pages,
 * and the agenda saying its closing sentence once.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { siteName } from "../../src/site";

const dist = resolve(import.meta.dirname, "../..", process.env.BUILD_DIR ?? "dist");

function page(file: string): HTMLElement {
  return parse(readFileSync(join(dist, file), "utf8"));
}

/** The nearest ancestor (or the element itself) that has the class. */
function closest(element: HTMLElement | null, className: string): HTMLElement | null {
  for (let current = element; current; current = current.parentNode as HTMLElement | null) {
    if (current.classList?.contains(className)) return current;
  }
  return null;
}

beforeAll(() => {
  if (!existsSync(join(dist, "index.html"))) {
    throw new Error(`${dist} has no built site: build it first (npm run build, or scripts/build.ts --outDir).`);
  }
});

describe("/moderation/ on the work layout", () => {
  it("has no public navigation, search or footer menu", () => {
    const document = page("moderation/index.html");
    expect(document.querySelector('nav[aria-label="Menu principal"]')).toBeNull();
    expect(document.querySelector(".site-nav")).toBeNull();
    expect(document.querySelector('form[role="search"]')).toBeNull();
    expect(document.querySelector('nav[aria-label="Pied de page"]')).toBeNull();
    // The public pages keep theirs: the check above is about the layout, not a missing menu everywhere.
    expect(page("index.html").querySelector('nav[aria-label="Menu principal"]')).not.toBeNull();
  });

  it("has a one-line header: the site's name back home, the page's title, the moderator's tools", () => {
    const document = page("moderation/index.html");
    const header = document.querySelector("body > header");
    const home = header?.querySelector('a[href="/"]');
    expect(home?.text.trim()).toBe(siteName);
    expect(header?.querySelector("h1")?.text.trim()).toBe("Modération");
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    // The island puts the session and the sign-out there once it runs (see the browser suite).
    expect(header?.querySelector("#moderation-tools")).not.toBeNull();
    expect(document.querySelector("main astro-island")?.getAttribute("props")).toContain("moderation-tools");
  });

  it("keeps the document's language, the skip link, the main landmark and noindex", () => {
    const document = page("moderation/index.html");
    expect(document.querySelector("html")?.getAttribute("lang")).toBe("fr");
    const skip = document.querySelector("body > a.skip-link");
    expect(skip?.getAttribute("href")).toBe("#contenu");
    expect(document.querySelector("main#contenu")).not.toBeNull();
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(document.querySelector('link[rel="canonical"]')).toBeNull();
    expect(document.querySelector("footer a[href='/accessibilite/']")).not.toBeNull();
  });
});

describe("the 404 page", () => {
  it("puts its content in a .container that .prose does not narrow, as the agenda does", () => {
    for (const file of ["404.html", "agenda/index.html"]) {
      const h1 = page(file).querySelector("main h1");
      const container = closest(h1, "container");
      expect(container, `${file}: h1 inside a .container`).not.toBeNull();
      // On the same element, .prose's max-width wins over .container's and centres a narrow box.
      expect(container?.classList.contains("prose"), `${file}: .container is not .prose`).toBe(false);
      expect(container?.querySelector(".prose"), `${file}: the text in a .prose inside it`).not.toBeNull();
    }
  });
});

describe("the agenda", () => {
  it("says once that other visits will be announced", () => {
    const main = page("agenda/index.html").querySelector("main")?.text ?? "";
    expect(main.match(/autres visites/gi) ?? []).toHaveLength(1);
    expect(main).toContain("D'autres visites seront annoncées au fil de la consultation.");
  });

  it("leaves that sentence out of the visits' own events in agenda.ics", () => {
    // Unfolded first (RFC 5545 folds long lines): a folded sentence would otherwise slip through.
    const calendar = readFileSync(join(dist, "agenda.ics"), "utf8").replace(/\r?\n[ \t]/g, "");
    expect(calendar).toContain("Deux jours de rencontres");
    expect(calendar).not.toMatch(/autres visites/i);
  });
});
