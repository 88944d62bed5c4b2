/**
 * Brotli and gzip copies of the built site's text files, written next to
 * them (`page/index.html.br`, `page/index.html.gz`), as nginx's gzip_static
 * reads them, and the compression settings the static site's handler
 * (src/server/http/static-site.ts) uses for the answers it keeps in memory.
 *
 * That handler compresses the files it keeps in memory (text up to 1 MB:
 * every page) on their first request, or reads their copies when they are
 * here and current; so `npm start` writes copies only of the larger files,
 * which it streams from disk (`only: "streamed"`): a start no longer
 * compresses the whole site, nor stats every copy. The whole site's copies
 * (the default) are for a server that reads them from disk, such as nginx
 * in bench/static.ts. Netlify compresses on its own: `dist/` never ships them.
 *
 * A copy gets its file's modification time and is kept while the two times
 * match; it is written under a temporary name then renamed, so that a run
 * stopped halfway never leaves a truncated copy that a later run would
 * trust. Copies whose file is gone, or too small now, are removed.
 */

import { readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The extensions of the files worth compressing: the build's text files (images and Pagefind's fragments are compressed already). */
export const compressibleExtensions = new Set([
  ".html",
  ".css",
  ".js",
  ".mjs",
  ".svg",
  ".xml",
  ".json",
  ".txt",
  ".csv",
  ".ics",
  ".webmanifest",
]);

/** Below this, the headers cost more than compression saves. */
export const MIN_COMPRESSED_BYTES = 1024;

/** Files larger than this are streamed from disk by the static site, never kept in memory. */
export const STREAMED_FILE_BYTES = 1024 * 1024;

/**
 * Brotli quality 4 and gzip level 6: measured on a build of 9,500 pages
 * (250 MB), brotli 4 compresses 18 MB/s a core, 5 12 MB/s, 11 0.3 MB/s
 * (12 minutes for the site, against about 15 s); the copies at 4 are 5 %
 * larger than at 5 and still smaller than gzip's. Gzip 9 saves 3 % for a
 * quarter more time.
 */
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 6;

export const encodings = [
  {
    suffix: ".br",
    compress: (data: Buffer) =>
      brotli(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
  },
  { suffix: ".gz", compress: (data: Buffer) => gzipped(data, { level: GZIP_LEVEL }) },
] as const;

/** A copy being written: `x.html.br.<pid>.tmp`. */
const partialCopy = /\.(br|gz)\.\d+\.tmp$/;

/** Whether `name` is a copy this module writes: `x.html.br`, `x.css.gz`… */
export function isCompressedCopy(name: string): boolean {
  const suffix = extname(name);
  return (suffix === ".br" || suffix === ".gz") && compressibleExtensions.has(extname(name.slice(0, -suffix.length)));
}

export interface PrecompressReport {
  /** Files that have copies (written now or kept). */
  files: number;
  /** Copies written now. */
  written: number;
  /** Copies removed: their file is gone or now too small, or they were left half-written. */
  removed: number;
}

/** Runs `task` over `items`, `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface PrecompressOptions {
  /**
   * "streamed": only the files over STREAMED_FILE_BYTES, which the static
   * site streams from disk (what `npm start` needs); copies of the other
   * files are left as they are. By default, every text file over 1 KB.
   */
  only?: "streamed";
}

/** Writes the missing or stale .br and .gz copies of the text files under `dir`, and removes the orphans. */
export async function precompressSite(dir: string, { only }: PrecompressOptions = {}): Promise<PrecompressReport> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const names = new Set(entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)));
  const report: PrecompressReport = { files: 0, written: 0, removed: 0 };
  const sources: string[] = [];
  const orphans: string[] = [];
  for (const name of names) {
    if (partialCopy.test(name)) orphans.push(name);
    else if (isCompressedCopy(name)) {
      if (!names.has(name.slice(0, -extname(name).length))) orphans.push(name);
    } else if (compressibleExtensions.has(extname(name))) sources.push(name);
  }
  // zlib's asynchronous calls run on libuv's thread pool: enough in flight to keep every core busy.
  await eachLimited(sources, availableParallelism() * 2, async (source) => {
    const { size, mtime, mtimeMs } = await stat(source);
    if (size < MIN_COMPRESSED_BYTES) {
      for (const { suffix } of encodings) if (names.has(source + suffix)) orphans.push(source + suffix);
      return;
    }
    if (only === "streamed" && size <= STREAMED_FILE_BYTES) return;
    report.files++;
    let data: Buffer | undefined;
    for (const { suffix, compress } of encodings) {
      const copy = source + suffix;
      // utimes goes through seconds as a float: the copy's time is the file's within a millisecond.
      if (names.has(copy) && Math.abs((await stat(copy)).mtimeMs - mtimeMs) < 1) continue;
      data ??= await readFile(source);
      const partial = `${copy}.${process.pid}.tmp`;
      await writeFile(partial, await compress(data));
      await utimes(partial, mtime, mtime);
      await rename(partial, copy);
      report.written++;
    }
  });
  await Promise.all(orphans.map((orphan) => rm(orphan, { force: true })));
  report.removed = orphans.length;
  return report;
}
