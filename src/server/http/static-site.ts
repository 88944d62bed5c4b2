/**
 * Serves the built site the way Netlify serves `dist/`: files with their
 * content types, `/themes` redirected to `/themes/` when it is a folder
 * (Astro builds every page as `<page>/index.html`, and relative links only
 * resolve from the slash form), and the site's 404 page, with status 404,
 * for anything else, with the brotli or gzip representation a client
 * accepts, Content-Encoding and Vary: Accept-Encoding, as Netlify and nginx
 * do. Text files up to 1 MB (every page) are answered from memory; sirv
 * serves the rest from disk (ranges, other types, larger files, with the
 * copies precompressSite wrote: src/server/http/precompress.ts).
 */

import { readdirSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, resolve, sep } from "node:path";
import sirv from "sirv";
import {
  compressibleExtensions,
  encodings,
  isCompressedCopy,
  MIN_COMPRESSED_BYTES,
  STREAMED_FILE_BYTES,
} from "./precompress";

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

/** What the answers kept in memory may weigh in all, every encoding counted: past it, the first ones kept are dropped. */
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
 * The file a request names, in sirv's order (lib toAssume) without its
 * encoded suffixes: the path itself then its index, then with ".html".
 */
function chosenFile(files: Set<string>, pathname: string): string | undefined {
  const base = pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  for (const suffix of ["", ".html"]) {
    if (base && files.has(base + suffix)) return base + suffix;
    if (files.has(`${base}/index${suffix}`)) return `${base}/index${suffix}`;
  }
  return undefined;
}

type Encoding = "br" | "gzip" | "identity";

/**
 * The encoding to send for an Accept-Encoding header: brotli or gzip,
 * whichever has the higher q-value (brotli on a tie, as nginx's
 * brotli_static prefers it), "*" standing for those not named; none with
 * q=0. Without either, the file itself.
 */
export function preferredEncoding(header: string | undefined): Encoding {
  if (!header) return "identity";
  const q = new Map<string, number>();
  for (const item of header.split(",")) {
    const [name = "", ...params] = item.split(";").map((part) => part.trim().toLowerCase());
    const weight = params.find((param) => param.startsWith("q="));
    const value = weight === undefined ? 1 : Number(weight.slice(2));
    q.set(name === "x-gzip" ? "gzip" : name, Number.isFinite(value) ? value : 0);
  }
  const br = q.get("br") ?? q.get("*") ?? 0;
  const gzip = q.get("gzip") ?? q.get("*") ?? 0;
  if (br <= 0 && gzip <= 0) return "identity";
  return br >= gzip ? "br" : "gzip";
}

/** One representation of an answer: its headers as writeHead takes them (name, value, name, value…) and its bytes. */
interface Variant {
  headers: string[];
  /** What a 304 sends: the ETag and Vary, as the 200 would. */
  notModified: string[];
  etag: string | undefined;
  body: Buffer;
}

/** A whole answer kept in memory: its status and each encoding it has (identity always). */
interface Answer {
  status: number;
  variants: Partial<Record<Encoding, Variant>> & { identity: Variant };
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for this header). */
function matchesEtag(header: string, etag: string): boolean {
  if (header === etag) return true;
  const opaque = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === opaque;
  });
}

/** The encoding for each Accept-Encoding value seen: browsers send a handful. */
const negotiated = new Map<string, Encoding>();
function encodingFor(header: string | undefined): Encoding {
  if (header === undefined) return "identity";
  let encoding = negotiated.get(header);
  if (encoding === undefined) {
    encoding = preferredEncoding(header);
    if (negotiated.size < 256) negotiated.set(header, encoding);
  }
  return encoding;
}

/** Writes a kept answer in the encoding the request accepts: 304 when its ETag matches, no body for HEAD. */
function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  const variant = answer.variants[encodingFor(req.headers["accept-encoding"])] ?? answer.variants.identity;
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined && variant.etag && matchesEtag(ifNoneMatch, variant.etag)) {
    res.writeHead(304, variant.notModified).end();
    return;
  }
  res.writeHead(answer.status, variant.headers);
  res.end(req.method === "HEAD" ? undefined : variant.body);
}

/** Already settled: what the handler returns when it answered at once. */
const answered = Promise.resolve();

/**
 * The static site's request handler over `distDir`. sirv lists the folder's
 * files when this is called: build first. Resolves once the answer is
 * decided (the file itself may still be streaming).
 *
 * Whole GET and HEAD answers for text files up to 1 MB, and the 404 page,
 * come from memory, each encoding with its headers written once: read on
 * first request, then compressed (or their copies read, when current), then
 * answered by a map lookup on the request's path before any other routing.
 * sirv streams each answer from disk (open, read, close on the thread pool
 * and a 64 KB buffer each time), which held `npm start` at a quarter of
 * nginx. sirv answers everything else: ranges, other types, larger files.
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

  /** Answers by file (and type), loading or loaded. */
  const memory = new Map<string, Promise<Answer | undefined>>();
  /** The same answers by the request paths that named them, as sent (no "%"): the fast path. */
  const byPath = new Map<string, Answer>();
  /** The bytes of each loaded answer and the paths that name it, in the order they were asked for. */
  const loaded = new Map<string, { bytes: number; paths: Set<string> }>();
  let memoryBytes = 0;
  const keep = (key: string, bytes: number) => {
    loaded.set(key, { bytes, paths: new Set() });
    memoryBytes += bytes;
    for (const [oldest, kept] of loaded) {
      if (memoryBytes <= MEMORY_BUDGET_BYTES) break;
      loaded.delete(oldest);
      memory.delete(oldest);
      for (const path of kept.paths) byPath.delete(path);
      memoryBytes -= kept.bytes;
    }
  };
  const remember = (key: string, path: string, answer: Answer) => {
    const kept = loaded.get(key);
    // Bounded: a file has few spellings without "%" ("/themes/", "/themes/index.html"…).
    if (kept && kept.paths.size < 16) {
      kept.paths.add(path);
      byPath.set(path, answer);
    }
  };

  /** The file's representations, with their modification time: the copies precompressSite wrote when current, else compressed now. */
  const representations = async (file: string, body: Buffer, mtimeMs: number) => {
    const compressed: { encoding: Encoding; body: Buffer }[] = [];
    if (!compressibleExtensions.has(extname(file)) || body.length < MIN_COMPRESSED_BYTES) return compressed;
    for (const { suffix, compress } of encodings) {
      const copy = files.has(file + suffix) ? join(root, file + suffix) : undefined;
      const current = copy && Math.abs((await stat(copy)).mtimeMs - mtimeMs) < 1;
      compressed.push({
        encoding: suffix === ".br" ? "br" : "gzip",
        body: current ? await readFile(copy) : await compress(body),
      });
    }
    return compressed;
  };

  /**
   * A file's whole answer, kept; undefined when sirv must answer (another
   * type, too large, or gone since the listing). The headers are sirv's
   * (its toHeaders) with those setHeaders adds; a compressed one's ETag is
   * the one sirv would give its copy (same size, same time).
   */
  const load = (key: string, file: string, type: string | undefined, status: number) => {
    const kept = memory.get(key);
    if (kept) return kept;
    const loading = (async (): Promise<Answer | undefined> => {
      const abs = join(root, file);
      const stats = await stat(abs);
      if (!type || stats.size > STREAMED_FILE_BYTES) return undefined;
      const body = await readFile(abs);
      const compressed = await representations(file, body, stats.mtimeMs);
      const lastModified = stats.mtime.toUTCString();
      const variant = (encoding: Encoding, bytes: Buffer): Variant => {
        const etag = status === 200 ? `W/"${bytes.length}-${stats.mtime.getTime()}"` : undefined;
        const validators = etag ? ["Last-Modified", lastModified, "ETag", etag] : [];
        return {
          headers: [
            "Vary",
            "Accept-Encoding",
            ...siteHeaders.flat(),
            "Content-Length",
            String(bytes.length),
            "Content-Type",
            type,
            ...(encoding === "identity" ? [] : ["Content-Encoding", encoding]),
            ...validators,
          ],
          notModified: ["Vary", "Accept-Encoding", ...validators],
          etag,
          body: bytes,
        };
      };
      const answer: Answer = { status, variants: { identity: variant("identity", body) } };
      for (const { encoding, body: bytes } of compressed) answer.variants[encoding] = variant(encoding, bytes);
      keep(
        key,
        compressed.reduce((sum, { body: bytes }) => sum + bytes.length, body.length),
      );
      return answer;
    })().catch(() => undefined);
    memory.set(key, loading);
    return loading;
  };

  const notFound = async (req: IncomingMessage, res: ServerResponse) => {
    const page = files.has("/404.html") ? await load("404", "/404.html", "text/html; charset=utf-8", 404) : undefined;
    if (page) sendAnswer(req, res, page);
    else res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
      if (isCompressedCopy(decoded(url.pathname))) return notFound(req, res);
    }
    if ((req.method === "GET" || req.method === "HEAD") && !req.headers.range) {
      const pathname = requested.includes("%") ? decodedAsSirv(requested) : requested;
      const file = chosenFile(files, pathname);
      const type = file && (textTypes[extname(pathname)] ?? memoryTypes[extname(file)]);
      const key = `${file} ${type}`;
      const answer = file && (await load(key, file, type, 200));
      if (answer) {
        if (!requested.includes("%")) remember(key, requested, answer);
        sendAnswer(req, res, answer);
        return;
      }
    }
    // sirv reads only whether "br" or "gzip" appears: it gets the choice made here, q-values counted.
    const encoding = encodingFor(req.headers["accept-encoding"]);
    req.headers["accept-encoding"] = encoding === "identity" ? "" : encoding;
    sendFile(req, res, () => void notFound(req, res));
  };

  return (req, res) => {
    // The fast path: a whole answer already in memory, found by the path as sent.
    if ((req.method === "GET" || req.method === "HEAD") && req.headers.range === undefined) {
      const url = req.url ?? "/";
      const query = url.indexOf("?");
      const answer = byPath.get(query === -1 ? url : url.slice(0, query));
      if (answer) {
        sendAnswer(req, res, answer);
        return answered;
      }
    }
    return route(req, res);
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
