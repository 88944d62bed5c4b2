/**
 * One build of the site from a given embedded database into a given
 * folder, timed, in its own process (a PGlite folder belongs to one process,
 * and the store and the published snapshot are kept per process): what
 * `npm run build` runs (src/server/build-site.ts), Astro then Pagefind.
 *
 *   npx tsx bench/build-site.ts --data-dir .data/bench-1000/pglite --out .builds/bench-1000
 *
 * Prints one line `BUILD_RESULT {"seconds":…,"pages":…,"bytes":…}` for
 * scripts/budgets.ts (bench/build.ts runs scripts/build.ts itself, as `npm
 * run build` does; seconds: the whole build, Astro's
 * loading left out, as withLoad includes it; astroSeconds and
 * pagefindSeconds: its two phases). Astro's cache goes beside the build
 * (`<out>-cache`), so that builds never share one.
 */
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "./server";

const { values } = parseArgs({
  options: { "data-dir": { type: "string" }, out: { type: "string" } },
});
const dataDir = values["data-dir"];
const out = values.out;
if (!dataDir || !out) {
  console.error("Usage: npx tsx bench/build-site.ts --data-dir <PGlite folder> --out <build folder>");
  process.exit(2);
}
// Read by the store when the pages ask for published data (src/server/published.ts).
process.env.PGLITE_DATA_DIR = resolve(dataDir);

async function tree(dir: string): Promise<{ pages: number; bytes: number }> {
  let pages = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    if (entry.name.endsWith(".html")) pages++;
  }
  return { pages, bytes };
}

const started = performance.now();
const [{ buildSite }] = await Promise.all([import("../src/server/build-site"), import("astro")]);
const loaded = performance.now();
const report = await buildSite({
  root: projectRoot,
  outDir: resolve(out),
  cacheDir: resolve(`${out}-cache`),
  logLevel: "warn",
});
const finished = performance.now();
const { pages, bytes } = await tree(resolve(out));
console.log(
  `BUILD_RESULT ${JSON.stringify({
    seconds: (finished - loaded) / 1000,
    withLoad: (finished - started) / 1000,
    astroSeconds: report.astroSeconds,
    pagefindSeconds: report.pagefindSeconds,
    pages,
    bytes,
  })}`,
);
// The store opened by the pages holds the database folder (and its lock) until it closes.
const { runShutdown } = await import("../src/server/shutdown");
await runShutdown();
process.exit(0);
