/**
 * Search in the built site (dist/, or BUILD_DIR): the search page is one
 * well-formed document whose script sits in its body and whose only static
 * message is the one for visitors without JavaScript; the pages a visitor
 * reads are marked for Pagefind, and the legal, search, error and
 * moderation pages are not. No database: the page files only.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";

const dist = resolve(import.meta.dirname, "../..", process.env.BUILD_DIR ?? "dist");
const read = (path: string) => readFileSync(join(dist, path.replace(/\/$/, "/index.html").replace(/^\//, "")), "utf8");

describe("the built search page", () => {
  const html = read("/recherche/");

  it("ends with </html>: its script is in its body, not after the document (« Stray start tag script »)", () => {
    const end = html.lastIndexOf("</html>");
    expect(end).toBeGreaterThan(0);
    expect(html.slice(end + "</html>".length).trim()).toBe("");
    const body = html.slice(html.indexOf("<body"), html.lastIndexOf("</body>"));
    const scripts = (html.match(/<script\b/g) ?? []).length;
    expect(scripts, "the search page loads Pagefind from a script").toBeGreaterThan(0);
    expect((body.match(/<script\b/g) ?? []).length).toBe(scripts);
  });

  it("says once that search needs JavaScript, and nothing meant for developers", () => {
    const mainElement = parse(html).querySelector("main");
    // What the page says, not what its script may say: the « unavailable » message is the script's.
    for (const script of mainElement?.querySelectorAll("script") ?? []) script.remove();
    const main = mainElement?.innerHTML ?? "";
    expect(main.split("La recherche a besoin de JavaScript").length - 1).toBe(1);
    expect(main).not.toMatch(/npm |n'existe que sur le site construit|n'est pas disponible/);
  });
});

describe("the pages marked for the search index (BaseLayout's searchable)", () => {
  const marked = (path: string) => parse(read(path)).querySelector("main")?.hasAttribute("data-pagefind-body");
  const releases = readdirSync(join(dist, "presse"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dist, "presse", entry.name, "index.html")))
    .map((entry) => `/presse/${entry.name}/`);

  it("are the pages of the mission, its agenda, its press releases and its questions", () => {
    expect(releases.length).toBeGreaterThan(0);
    const expected = [
      "/",
      "/mission/",
      "/themes/",
      ...themes.flatMap((theme) => [
        `/themes/${theme.id}/`,
        ...theme.questions.map((q) => `/themes/${theme.id}/${q.id}/`),
      ]),
      "/synthese/",
      "/agenda/",
      "/presse/",
      ...releases,
      "/initiatives/",
      "/donnees/",
    ];
    expect(expected.filter((path) => !marked(path))).toEqual([]);
  });

  it("leave out the legal pages, the site map, the search page, the 404 page and moderation", () => {
    const left = [
      "/mentions-legales/",
      "/donnees-personnelles/",
      "/accessibilite/",
      "/plan-du-site/",
      "/recherche/",
      "/404.html",
      "/moderation/",
    ];
    expect(left.filter((path) => marked(path))).toEqual([]);
  });
});
