/**
 * Serves the built site the way Netlify serves `dist/`: files with their
 * content types, `/themes` redirected to `/themes/` when it is a folder
 * (Astro builds every page as `<page>/index.html`, and relative links only
 * resolve from the slash form), and the site's 404 page, with status 404,
 * for anything else. sirv does the file serving (ETag, Range, HEAD), and
 * sends the brotli or gzip copy of a file that precompressSite wrote
 * (src/server/http/precompress.ts) to a client that accepts it, with
 * Content-Encoding and Vary: Accept-Encoding, as Netlify and nginx do.
 */

import { readdirSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, resolve, sep } from "node:path";
import sirv from "sirv";
import { isCompressedCopy } from "./precompress";

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

/** Content types of the files answered from memory, as sirv (mrmime) names them. */
const memoryTypes: Record<string, string> = {
  ".html": "text/html;charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ...textTypes,
};

/** Files larger than this are streamed by sirv, never kept in memory. */
const MEMORY_FILE_BYTES = 1024 * 1024;
/** What the files kept in memory may weigh in all: past it, the first ones kept are dropped. */
const MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * The site's files, as pathnames ("/themes/index.html"), and its folders
 * that have an index.html ("/themes"), listed once, as sirv lists them:
 * without the dotfiles sirv leaves out.
 */
function siteFiles(root: string): { files: Set<string>; folders: Set<string> } {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = `/${relative(root, join(entry.parentPath, entry.name)).split(sep).join("/")}`.normalize();
    if (/\/\.(?!well-known\/)/.test(path)) continue;
    files.add(path);
    if (entry.name === "index.html" && entry.parentPath !== root) folders.add(path.slice(0, -"/index.html".length));
  }
  return { files, folders };
}

/** A pathname decoded, or as it is when malformed. */
function decoded(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** A pathname as sirv decodes it (decodeURI: "%2F" stays), or as it is when malformed. */
function decodedAsSirv(pathname: string): string {
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}

/**
 * The file sirv would choose for a request, in its order (lib toAssume):
 * for each suffix, the path itself then its index; suffixes from the best
 * encoding the request accepts down to none, then ".html".
 */
function chosenFile(files: Set<string>, req: IncomingMessage, pathname: string): string | undefined {
  const accepted = req.headers["accept-encoding"] ?? "";
  const suffixes = [
    ...(/(br|brotli)/i.test(accepted) ? [".html.br", ".br"] : []),
    ...(accepted.includes("gzip") ? [".html.gz", ".gz"] : []),
    "",
    ".html",
  ];
  const base = pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  for (const suffix of suffixes) {
    if (base && files.has(base + suffix)) return base + suffix;
    if (files.has(`${base}/index${suffix}`)) return `${base}/index${suffix}`;
  }
  return undefined;
}

interface MemoryFile {
  body: Buffer;
  headers: Record<string, string | number>;
}

/**
 * The static site's request handler over `distDir`. sirv lists the folder's
 * files when this is called: build first. Resolves once the answer is
 * decided (the file itself may still be streaming).
 *
 * Whole GET and HEAD answers for text files up to 1 MB come from memory,
 * read on first request, with the headers sirv would send: sirv streams
 * each answer from disk (open, read, close on the thread pool and a 64 KB
 * buffer each time), which held `npm start` at a quarter of nginx. sirv
 * answers everything else: ranges, If-None-Match, other types, larger files.
 */
export function createStaticSite(distDir: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(distDir);
  const siteHeaders = headersForAllPaths(root);
  const { files, folders } = siteFiles(root);
  const sendFile = sirv(root, {
    etag: true,
    extensions: ["html"],
    brotli: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      for (const [name, value] of siteHeaders) res.setHeader(name, value);
      const type = textTypes[extname(pathname)];
      if (type) res.setHeader("Content-Type", type);
    },
  });

  const memory = new Map<string, Promise<MemoryFile | undefined>>();
  /** The sizes of the files loaded into `memory`, in the order they were asked for. */
  const loaded = new Map<string, number>();
  let memoryBytes = 0;
  const keep = (file: string, size: number) => {
    loaded.set(file, size);
    memoryBytes += size;
    for (const [oldest, bytes] of loaded) {
      if (memoryBytes <= MEMORY_BUDGET_BYTES) break;
      loaded.delete(oldest);
      memory.delete(oldest);
      memoryBytes -= bytes;
    }
  };
  /** The file's answer, kept; undefined when sirv must answer (another type, too large, or gone since the listing). */
  const fromMemory = (file: string, pathname: string): Promise<MemoryFile | undefined> => {
    const kept = memory.get(file);
    if (kept) return kept;
    const encoding = { ".br": "br", ".gz": "gzip" }[extname(file)];
    const type = textTypes[extname(pathname)] ?? memoryTypes[extname(encoding ? file.slice(0, -3) : file)];
    const loading = (async () => {
      const abs = join(root, file);
      const stats = await stat(abs);
      if (!type || stats.size > MEMORY_FILE_BYTES) return undefined;
      const body = await readFile(abs);
      keep(file, body.length);
      // What sirv sends (its toHeaders), with the headers setHeaders adds.
      const headers: Record<string, string | number> = {
        Vary: "Accept-Encoding",
        ...Object.fromEntries(siteHeaders),
        "Content-Length": body.length,
        "Content-Type": type,
        "Last-Modified": stats.mtime.toUTCString(),
        ...(encoding ? { "Content-Encoding": encoding } : {}),
        ETag: `W/"${stats.size}-${stats.mtime.getTime()}"`,
      };
      return { body, headers };
    })().catch(() => undefined);
    memory.set(file, loading);
    return loading;
  };

  const notFound = async (res: ServerResponse) => {
    const page = await readFile(join(root, "404.html")).catch(() => undefined);
    if (page)
      res.writeHead(404, { ...Object.fromEntries(siteHeaders), "content-type": "text/html; charset=utf-8" }).end(page);
    else res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
  };

  return async (req, res) => {
    // The pathname as sirv reads it (@polka/url): not normalised as URL would.
    const requested = (req.url ?? "/").split(/[?#]/, 1)[0] as string;
    // A pathname with a final slash is neither a folder to redirect nor a
    // compressed copy: no URL to parse for the pages themselves.
    if (!requested.endsWith("/")) {
      const url = new URL(req.url ?? "/", "http://localhost");
      // A pathname such as "//example.org" (from "/.//example.org") would make
      // the Location protocol-relative: a redirect to another site.
      if (
        !url.pathname.endsWith("/") &&
        !url.pathname.startsWith("//") &&
        folders.has(decoded(url.pathname).normalize())
      ) {
        // Permanent, as Netlify's own redirect to the slash form.
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      // The copies are representations of their file, not pages of their own:
      // sirv would send "/index.html.br" compressed even to a client that never asked for brotli.
      if (isCompressedCopy(decoded(url.pathname))) return notFound(res);
    }
    if ((req.method === "GET" || req.method === "HEAD") && !req.headers.range && !req.headers["if-none-match"]) {
      const pathname = requested.includes("%") ? decodedAsSirv(requested) : requested;
      const file = chosenFile(files, req, pathname);
      const kept = file && (await fromMemory(file, pathname));
      if (kept) {
        res.writeHead(200, kept.headers).end(req.method === "HEAD" ? undefined : kept.body);
        return;
      }
    }
    sendFile(req, res, () => void notFound(res));
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
