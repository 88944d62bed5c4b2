/**
 * Builds the static site, then its search index: Astro writes the pages,
 * then Pagefind reads them and writes /pagefind/ (its index and its UI) into
 * the same folder. `npm run build` (scripts/build.ts) and the server of
 * `npm start` (scripts/start.ts, on first start and after each
 * publication) both build through here, so a site is never served without
 * the index its search page needs.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { AstroInlineConfig } from "astro";

/** Options of {@link buildSite}. */
export interface BuildSiteOptions {
  /** The project root (where astro.config.mjs is). */
  root: string;
  /** Where the site is written: dist/ by default, as astro.config.mjs leaves it. */
  outDir?: string | undefined;
  /** The site's absolute URL, over astro.config.mjs's (`npm start` passes its own address). */
  site?: string | undefined;
  logLevel?: AstroInlineConfig["logLevel"];
  /** Astro's cache folder, over astro.config.mjs's (the benchmarks give each build its own). */
  cacheDir?: string | undefined;
  /**
   * Astro's incremental build (experimental.incrementalBuild): a page whose getStaticPaths gives a
   * cacheKey (the permalinks) is copied from the previous build's cache when its key and its code are
   * unchanged. A prototype for design/national-scale.md, off by default: the CSP middleware only sees
   * the pages that are rendered again.
   */
  incremental?: boolean | undefined;
}

/** What the search index holds. */
export interface SearchIndexReport {
  /** HTML files Pagefind read. */
  files: number;
  /** Pages indexed: those that mark their content with data-pagefind-body. */
  pages: number;
  /** The index folder (outDir/pagefind). */
  outputPath: string;
}

/** What a build did, and how long each phase took. */
export interface BuildReport extends SearchIndexReport {
  /** Astro: the bundles, the pages (their end-of-build steps included), the build's hooks. */
  astroSeconds: number;
  /** Pagefind: reading the pages and writing the index. */
  pagefindSeconds: number;
}

/** Builds run by this process so far: each names its prerender entry apart (see below). */
let buildsInProcess = 0;

/**
 * Builds the site into `outDir` and indexes it, in this process (`npm
 * start`, whose store stays open). The published data is read afresh: a
 * build that runs again in the same process (the local rebuild) must not
 * reuse the snapshot of the previous one.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildReport> {
  const outDir = resolve(options.root, options.outDir ?? "dist");
  const astroSeconds = await buildPages(options);
  const built = performance.now();
  const report = await indexSite(outDir);
  const pagefindSeconds = (performance.now() - built) / 1000;
  logPhases(astroSeconds, pagefindSeconds);
  return { ...report, astroSeconds, pagefindSeconds };
}

/** One line per phase, for bench/build.ts and whoever reads a slow build's log. */
export function logPhases(astroSeconds: number, pagefindSeconds: number): void {
  console.log(`[build] phases: astro ${astroSeconds.toFixed(1)} s, pagefind ${pagefindSeconds.toFixed(1)} s`);
}

/**
 * Astro's part of {@link buildSite}: the pages, without their search index.
 * Returns its duration in seconds. scripts/build.ts runs it in a process of
 * its own, which ends before Pagefind starts: Astro's and the store's memory
 * (2 GB at 20,000 contributions) is then given back, rather than added to
 * Pagefind's (1.5 GB).
 */
export async function buildPages(options: BuildSiteOptions): Promise<number> {
  const outDir = resolve(options.root, options.outDir ?? "dist");
  // Imported here, not at the top: loading Astro takes seconds, and the server imports this
  // module even when its site is current.
  const [{ build }, { forgetPublished }] = await Promise.all([import("astro"), import("./published")]);
  forgetPublished();
  buildsInProcess += 1;
  const started = performance.now();
  await build({
    root: options.root,
    outDir,
    // Astro 7 prerenders by importing its own bundle from a fixed folder, and names that bundle
    // by its content: a second build in this process with unchanged code imports the same URL,
    // which Node answers from its module cache with the first build's modules, getStaticPaths
    // results included (no page for a newly published contribution). A name of its own per
    // build makes Node load the new bundle.
    vite: {
      environments: {
        prerender: {
          build: {
            rolldownOptions: {
              output: { entryFileNames: `prerender-entry.${process.pid}-${buildsInProcess}.[hash].mjs` },
            },
          },
        },
      },
    },
    ...(options.site ? { site: options.site } : {}),
    ...(options.cacheDir ? { cacheDir: resolve(options.root, options.cacheDir) } : {}),
    ...(options.incremental ? { experimental: { incrementalBuild: true } } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  return (performance.now() - started) / 1000;
}

/**
 * Writes the Pagefind index of a built site into `outDir/pagefind`. Only the
 * pages that mark their main content with data-pagefind-body are indexed
 * (BaseLayout's `searchable`); inside them, the islands (reaction buttons,
 * reply and flag forms) are left out: they hold interface text, not content.
 */
export async function indexSite(outDir: string): Promise<SearchIndexReport> {
  const pagefind = await import("pagefind");
  const outputPath = join(outDir, "pagefind");
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: ["astro-island"] });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write ${outputPath}: ${written.errors.join("; ")}`);
    // page_count above counts the files read; the entry file counts the pages actually indexed.
    const entry = JSON.parse(await readFile(join(outputPath, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    if (pages === 0) {
      throw new Error(
        `Pagefind indexed no page of ${outDir}: the searchable pages carry data-pagefind-body (BaseLayout's "searchable" prop).`,
      );
    }
    return { files: added.page_count, pages, outputPath };
  } finally {
    // Pagefind runs as a child process: stop it, or it keeps the caller alive.
    await pagefind.close();
  }
}
