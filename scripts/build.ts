/**
 * `npm run build` (`tsx scripts/build.ts`): the static site, then its
 * search index (src/server/build-site.ts). `--outDir <folder>` builds
 * elsewhere than dist/, as `astro build --outDir` does.
 *
 * The build reads the store in this process; the shutdown hooks then close
 * it, so that the embedded database's folder is free for the next process.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildSite } from "../src/server/build-site";
import { runShutdown } from "../src/server/shutdown";

const root = fileURLToPath(new URL("..", import.meta.url));

let outDir: string | undefined;
try {
  ({
    values: { outDir },
  } = parseArgs({ options: { outDir: { type: "string" } }, strict: true }));
} catch (error) {
  console.error(`[build] ${(error as Error).message}. Usage: tsx scripts/build.ts [--outDir <folder>]`);
  process.exit(2);
}

let ok = true;
try {
  const started = Date.now();
  if (process.env.NETLIFY === "true") {
    // Netlify bundles the functions after this build, with netlify.toml's included_files: stop here,
    // naming CONTENT_DIR, rather than deploy functions that cannot find their content folder.
    const [{ functionsConfig, checkContentShipped }, { contentDirLabel }] = await Promise.all([
      import("./bundle-functions"),
      import("../src/content-files"),
    ]);
    checkContentShipped((await functionsConfig(root)).config["*"]?.includedFiles ?? [], contentDirLabel);
  }
  const report = await buildSite({ root, outDir });
  console.log(
    `[build] search index: ${report.pages} of ${report.files} pages in ${report.outputPath} (${((Date.now() - started) / 1000).toFixed(1)} s in all)`,
  );
} catch (error) {
  ok = false;
  // The stack, not the whole object: Rollup's errors carry the list of every watched file.
  console.error(`[build] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
ok = (await runShutdown()) && ok;
// Astro or the store may leave a timer or a socket open: the build is done either way.
process.exit(ok ? 0 : 1);
