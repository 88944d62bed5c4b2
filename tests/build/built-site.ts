/**
 * Reading a built site in the build tests: the file of a URL path, each HTML
 * page parsed once, and the internal links that lead nowhere. Shared by the
 * default site's checks (site.test.ts) and the second consultation's
 * (fixture-consultation.test.ts), so that both hold every page to one rule.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";

export function openBuiltSite(dist: string) {
  const documents = new Map<string, HTMLElement>();

  /** dist-relative file for a URL path: /a/ → a/index.html. */
  const fileFor = (pathname: string): string => {
    const decoded = decodeURIComponent(pathname);
    return join(dist, decoded.endsWith("/") ? `${decoded}index.html` : decoded);
  };

  /** The page in `file`, parsed once. */
  const load = (file: string): HTMLElement => {
    let document = documents.get(file);
    if (!document) {
      document = parse(readFileSync(file, "utf8"));
      documents.set(file, document);
    }
    return document;
  };

  /** Every HTML file below `dir` (the whole site by default). */
  const htmlFiles = (dir: string = dist): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return htmlFiles(path);
      return name.endsWith(".html") ? [path] : [];
    });

  /**
   * Each link, image and preview URL of every page that points inside `site` but to no built file,
   * or to an anchor no element of its page has: "from → target (why)".
   */
  const brokenLinks = (site: URL): string[] => {
    const broken: string[] = [];
    for (const file of htmlFiles()) {
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
    return broken;
  };

  return { fileFor, load, htmlFiles, brokenLinks };
}
