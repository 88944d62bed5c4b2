/**
 * `npm run build` (`tsx scripts/build.ts`): the static site, then its
 * search index (src/server/build-site.ts). `--outDir <folder>` builds
 * elsewhere than dist/, as `astro build --outDir` does; `--cacheDir
 * <folder>` gives Astro another cache folder (the benchmarks give each build
 * its own).
 *
 * The pages are built by a second process running this script with
 * `--pages-only`: it reads the store, and its shutdown hooks close it, so
 * that the embedded database's folder is free for the next process. It ends
 * before Pagefind starts, so that the memory Astro and the store held is
 * given back rather than added to Pagefind's.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildPages, indexSite, logPhases } from "../src/server/build-site";
import { runShutdown } from "../src/server/shutdown";

const root = fileURLToPath(new URL("..", import.meta.url));

let values: { outDir?: string | undefined; cacheDir?: string | undefined; "pages-only"?: boolean | undefined };
try {
  ({ values } = parseArgs({
    options: { outDir: { type: "string" }, cacheDir: { type: "string" }, "pages-only": { type: "boolean" } },
    strict: true,
  }));
} catch (error) {
  console.error(
    `[build] ${(error as Error).message}. Usage: tsx scripts/build.ts [--outDir <folder>] [--cacheDir <folder>]`,
  );
  process.exit(2);
}
const { outDir, cacheDir } = values;

/** This script again, with --pages-only, under the same Node options (tsx's loader among them). */
function buildPagesInChild(): Promise<number> {
  const args = [
    ...process.execArgv,
    fileURLToPath(import.meta.url),
    "--pages-only",
    ...(outDir ? ["--outDir", outDir] : []),
    ...(cacheDir ? ["--cacheDir", cacheDir] : []),
  ];
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: "inherit" });
    child.once("error", fail);
    child.once("exit", (code, signal) => {
      if (code === 0) done((performance.now() - started) / 1000);
      else fail(new Error(`the pages were not built (${signal ?? `exit ${code}`}): see the log above`));
    });
  });
}

let ok = true;
try {
  const started = Date.now();
  if (values["pages-only"]) {
    await buildPages({ root, outDir, cacheDir });
  } else {
    if (process.env.NETLIFY === "true") {
      // Netlify bundles the functions after this build, with netlify.toml's included_files: stop here,
      // naming CONTENT_DIR, rather than deploy functions that cannot find their content folder.
      const [{ functionsConfig, checkContentShipped }, { contentDirLabel }] = await Promise.all([
        import("./bundle-functions"),
        import("../src/content-files"),
      ]);
      checkContentShipped((await functionsConfig(root)).config["*"]?.includedFiles ?? [], contentDirLabel);
    }
    const astroSeconds = await buildPagesInChild();
    const indexing = performance.now();
    const report = await indexSite(resolve(root, outDir ?? "dist"));
    logPhases(astroSeconds, (performance.now() - indexing) / 1000);
    console.log(
      `[build] search index: ${report.pages} of ${report.files} pages in ${report.outputPath} (${((Date.now() - started) / 1000).toFixed(1)} s in all)`,
    );
  }
} catch (error) {
  ok = false;
  // The stack, not the whole object: Rollup's errors carry the list of every watched file.
  console.error(`[build] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
ok = (await runShutdown()) && ok;
// Astro or the store may leave a timer or a socket open: the build is done either way.
process.exit(ok ? 0 : 1);
