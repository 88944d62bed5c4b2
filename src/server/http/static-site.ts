/**
 * Serves the built site the way Netlify serves `dist/`: files with their
 * content types, `/themes` redirected to `/themes/` when it is a folder
 * (Astro builds every page as `<page>/index.html`, and relative links only
 * resolve from the slash form), and the site's 404 page, with status 404,
 * for anything else. sirv does the file serving (ETag, Range, HEAD).
 */

import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import sirv from "sirv";

/**
 * Types sirv would send without a charset, for the text files the build
 * writes: with none, an XML or calendar reader may decode French accents as
 * Latin-1. The calendar's type is the one netlify.toml declares; XML is
 * served as Astro's RSS endpoint answers in the dev server.
 */
const textTypes: Record<string, string> = {
  ".ics": "text/calendar; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/** Whether a pathname without its final slash names a folder of the site with an index.html. */
async function isPageFolder(distDir: string, pathname: string): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const folder = resolve(distDir, `.${decoded}`);
  // An encoded slash survives URL parsing: "..%2F..%2Fsrc" decodes to "../../src".
  if (!folder.startsWith(distDir + sep)) return false;
  return stat(join(folder, "index.html")).then(
    (stats) => stats.isFile(),
    () => false,
  );
}

/**
 * The static site's request handler over `distDir`. sirv lists the folder's
 * files when this is called: build first. Resolves once the answer is
 * decided (the file itself is still streaming).
 */
export function createStaticSite(distDir: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(distDir);
  const siteHeaders = headersForAllPaths(root);
  const files = sirv(root, {
    etag: true,
    extensions: ["html"],
    setHeaders: (res, pathname) => {
      for (const [name, value] of siteHeaders) res.setHeader(name, value);
      const type = textTypes[extname(pathname)];
      if (type) res.setHeader("Content-Type", type);
    },
  });

  const notFound = async (res: ServerResponse) => {
    const page = await readFile(join(root, "404.html")).catch(() => undefined);
    if (page)
      res.writeHead(404, { ...Object.fromEntries(siteHeaders), "content-type": "text/html; charset=utf-8" }).end(page);
    else res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
  };

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    // A pathname such as "//example.org" (from "/.//example.org") would make
    // the Location protocol-relative: a redirect to another site.
    if (!url.pathname.endsWith("/") && !url.pathname.startsWith("//") && (await isPageFolder(root, url.pathname))) {
      // Permanent, as Netlify's own redirect to the slash form.
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    files(req, res, () => void notFound(res));
  };
}

/**
 * The headers Netlify's `_headers` file gives every path (`/*`), such as the
 * Content-Security-Policy the build computes, so that the local server
 * enforces what production enforces. Other path rules are not needed here.
 */
function headersForAllPaths(root: string): [string, string][] {
  let text: string;
  try {
    text = readFileSync(join(root, "_headers"), "utf8");
  } catch {
    return [];
  }
  const headers: [string, string][] = [];
  let current: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = line.trim();
      continue;
    }
    const separator = line.indexOf(":");
    if (current === "/*" && separator > 0)
      headers.push([line.slice(0, separator).trim(), line.slice(separator + 1).trim()]);
  }
  return headers;
}
