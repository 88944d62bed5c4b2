/**
 * `npm run budgets`: what each page of the built site costs a visitor, checked
 * against budgets, then Lighthouse on a few pages.
 *
 * 1. The site: built from a database of its own (.data/budgets/pglite) in
 *    which bench/generate.ts puts 200 published answers in one theme, into
 *    .builds/budgets; or taken as built with `--dist <folder>`.
 * 2. From the built files: for every page, the JavaScript it loads (its
 *    scripts, its islands' components and renderers, and everything they
 *    import, raw and gzipped file by file), its CSS and its HTML. Reading
 *    pages must load no JavaScript at all; the home page, the theme page
 *    with 200 answers and the question pages have budgets (below). Over
 *    budget: exit code 1.
 * 3. Lighthouse 13 (mobile, its default) on the home page, the theme page, a
 *    permalink and /synthese/ when the site has it, served by scripts/start.ts:
 *    scores in reports/lighthouse.json and a Markdown summary. Scores are
 *    reported, not asserted (they vary from run to run), except
 *    accessibility, which does not depend on timing: below 100, exit code 1.
 *
 *   npm run budgets                          build, measure, Lighthouse
 *   npm run budgets -- --dist dist           measure an existing build (it is copied before being served)
 *   npm run budgets -- --no-lighthouse       budgets only
 *   npm run budgets -- --keep                keep .builds/budgets and its database
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, posix, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { parse } from "node-html-parser";
import { describeReport, generateIntoFolder } from "../bench/generate";
import {
  markFresh,
  projectRoot,
  type RunningServer,
  removeScratch,
  runName,
  scratchFolders,
  startServer,
} from "../bench/server";
import { themes } from "../src/domain/consultation";

// ---------------------------------------------------------------------------
// Budgets, in bytes (gzip: what travels with Content-Encoding: gzip).

const KB = 1024;
const budgets = {
  /** Reading pages: no JavaScript at all (site rule; tests/build/site.test.ts checks the <script> tags). */
  readingPageJs: 0,
  /** The home page: HTML, CSS and JavaScript, gzipped. */
  homeTotalGzip: 15 * KB,
  /** The theme page that lists a question of the theme with 200 published answers: HTML, CSS and JavaScript, gzipped. */
  themeTotalGzip: 60 * KB,
  /** Any question page (the answer form's island): its JavaScript, gzipped. React is 67 KB of it. */
  questionPageJsGzip: 105 * KB,
};
/** The theme that gets the 200 published answers. */
const BUDGET_THEME = "ancrage-territorial";
const BUDGET_ANSWERS = 200;

const CHROMIUM = "/usr/bin/chromium";
/** The headless flags of /work/shared/TOOLCHAIN.md. */
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const { values } = parseArgs({
  options: {
    dist: { type: "string" },
    "no-lighthouse": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const started = performance.now();

// ---------------------------------------------------------------------------
// 1. The site.

const scratch = scratchFolders("budgets");
let siteDir: string;
/** A database for the server that serves the site to Lighthouse. */
let serveData: { dataDir: string; dataRoot: string; generated: boolean };

if (values.dist) {
  siteDir = resolve(values.dist);
  if (!existsSync(join(siteDir, "index.html"))) {
    console.error(`[budgets] ${siteDir} has no index.html: build the site first, or leave out --dist.`);
    process.exit(2);
  }
  const serve = scratchFolders(runName("budgets-serve"));
  serveData = { dataDir: serve.dataDir, dataRoot: serve.dataRoot, generated: false };
} else {
  await removeScratch(scratch.buildDir, `${scratch.buildDir}-cache`, scratch.dataRoot);
  const report = await generateIntoFolder(scratch.dataDir, {
    count: BUDGET_ANSWERS,
    replies: 0,
    themeIds: [BUDGET_THEME],
    initiatives: 20,
    reset: true,
  });
  console.log(`[budgets] ${relative(projectRoot, scratch.dataDir)}: ${describeReport(report)}`);
  const built = await buildSite(scratch.dataDir, scratch.buildDir);
  console.log(
    `[budgets] built ${built.pages} pages in ${built.seconds.toFixed(1)} s into ${relative(projectRoot, scratch.buildDir)}`,
  );
  siteDir = scratch.buildDir;
  serveData = { dataDir: scratch.dataDir, dataRoot: scratch.dataRoot, generated: true };
}

function buildSite(dataDir: string, out: string): Promise<{ seconds: number; pages: number }> {
  return new Promise((done, fail) => {
    const child = spawn(
      resolve(projectRoot, "node_modules/.bin/tsx"),
      ["bench/build-site.ts", "--data-dir", dataDir, "--out", out],
      { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("exit", (code) => {
      const line = /BUILD_RESULT (.+)/.exec(output)?.[1];
      if (code === 0 && line) done(JSON.parse(line));
      else fail(new Error(`the build failed (exit ${code}):\n${output.slice(-3000)}`));
    });
  });
}

// ---------------------------------------------------------------------------
// 2. What each page loads, from the built files.

interface Asset {
  raw: number;
  gzip: number;
}
const assets = new Map<string, { asset: Asset; text: string }>();

async function asset(urlPath: string): Promise<{ asset: Asset; text: string } | undefined> {
  const known = assets.get(urlPath);
  if (known) return known;
  const file = join(siteDir, ...decodeURIComponent(urlPath).split("/"));
  const buffer = await readFile(file).catch(() => undefined);
  if (!buffer) return undefined;
  const entry = { asset: { raw: buffer.length, gzip: gzipSync(buffer).length }, text: buffer.toString("utf8") };
  assets.set(urlPath, entry);
  return entry;
}

const gzipOf = (text: string) => gzipSync(Buffer.from(text)).length;

/** Static imports of an ES module (minified by Vite: `from"./x.js"`, `import"./x.js"`). */
function importsOf(code: string, from: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/\b(?:from|import)\s*["']([^"']+\.m?js)["']/g)) {
    const target = match[1] as string;
    if (target.startsWith(".") || target.startsWith("/")) found.add(posix.resolve(posix.dirname(from), target));
  }
  return [...found];
}

/** Script types that run as JavaScript. */
const isJavaScript = (type: string | undefined) =>
  type === undefined || type === "" || /^(?:module|text\/javascript|application\/javascript)$/i.test(type);

interface PageCost {
  path: string;
  kind: "reading" | "action";
  htmlGzip: number;
  cssGzip: number;
  jsRaw: number;
  jsGzip: number;
  jsFiles: string[];
  totalGzip: number;
}

const questionPaths = new Set(themes.flatMap((theme) => theme.questions.map((q) => `/themes/${theme.id}/${q.id}/`)));
/**
 * Pages where a person acts, which may load JavaScript: the lists of
 * tests/build/site.test.ts (question pages, permalinks, /initiatives/proposer/;
 * the application pages /moderation/, /recherche/, /desinscription/ and
 * /suivi/, the private tracking page with its correction and withdrawal).
 */
const isActionPage = (path: string) =>
  questionPaths.has(path) ||
  /^\/contributions\/[^/]+\/$/.test(path) ||
  ["/initiatives/proposer/", "/moderation/", "/recherche/", "/desinscription/", "/suivi/"].includes(path);

async function pageCost(file: string): Promise<PageCost> {
  const rel = relative(siteDir, file).split(sep).join("/");
  const path =
    rel === "index.html" ? "/" : rel.endsWith("/index.html") ? `/${rel.slice(0, -"index.html".length)}` : `/${rel}`;
  const html = await readFile(file, "utf8");
  const document = parse(html);
  const base = path.endsWith("/") ? path : posix.dirname(path);
  const resolveUrl = (url: string) => posix.resolve(base, url.split(/[?#]/)[0] as string);

  let cssGzip = 0;
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const href = link.getAttribute("href");
    if (href && !/^https?:/.test(href)) cssGzip += (await asset(resolveUrl(href)))?.asset.gzip ?? 0;
  }

  // JavaScript: inline scripts (in the HTML already: counted raw and gzipped on their own as well), script files,
  // islands' components and renderers, and everything they import.
  let jsRaw = 0;
  let jsGzip = 0;
  const entries = new Set<string>();
  for (const script of document.querySelectorAll("script")) {
    if (!isJavaScript(script.getAttribute("type"))) continue;
    const src = script.getAttribute("src");
    if (src) entries.add(resolveUrl(src));
    else if (script.textContent.trim()) {
      jsRaw += Buffer.byteLength(script.textContent);
      jsGzip += gzipOf(script.textContent);
    }
  }
  for (const island of document.querySelectorAll("astro-island")) {
    for (const attribute of ["component-url", "renderer-url", "before-hydration-url"]) {
      const url = island.getAttribute(attribute);
      if (url) entries.add(resolveUrl(url));
    }
  }
  for (const link of document.querySelectorAll('link[rel="modulepreload"]')) {
    const href = link.getAttribute("href");
    if (href) entries.add(resolveUrl(href));
  }
  const loaded = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (loaded.has(url)) continue;
    loaded.add(url);
    const found = await asset(url);
    if (!found) continue;
    jsRaw += found.asset.raw;
    jsGzip += found.asset.gzip;
    queue.push(...importsOf(found.text, url));
  }
  const htmlGzip = gzipOf(html);
  return {
    path,
    kind: isActionPage(path) ? "action" : "reading",
    htmlGzip,
    cssGzip,
    jsRaw,
    jsGzip,
    jsFiles: [...loaded].sort(),
    totalGzip: htmlGzip + cssGzip + jsGzip,
  };
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const pages = await Promise.all((await htmlFiles(siteDir)).map(pageCost));
const byPath = new Map(pages.map((page) => [page.path, page]));
const failures: string[] = [];
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

const readingWithJs = pages.filter((page) => page.kind === "reading" && page.jsRaw > budgets.readingPageJs);
for (const page of readingWithJs) {
  failures.push(
    `reading page ${page.path} loads ${kb(page.jsRaw)} of JavaScript (${page.jsFiles.join(", ") || "inline"})`,
  );
}
const home = byPath.get("/");
const themePath = `/themes/${BUDGET_THEME}/`;
const themePage = byPath.get(themePath);
const questionPages = pages.filter((page) => questionPaths.has(page.path));
const heaviestQuestion = [...questionPages].sort((a, b) => b.jsGzip - a.jsGzip)[0];
if (!home) failures.push("the home page is missing");
else if (home.totalGzip > budgets.homeTotalGzip)
  failures.push(`home page: ${kb(home.totalGzip)} gzip > ${kb(budgets.homeTotalGzip)}`);
if (!themePage) failures.push(`${themePath} is missing`);
else if (themePage.totalGzip > budgets.themeTotalGzip)
  failures.push(`${themePath}: ${kb(themePage.totalGzip)} gzip > ${kb(budgets.themeTotalGzip)}`);
for (const page of questionPages) {
  if (page.jsGzip > budgets.questionPageJsGzip) {
    failures.push(
      `question page ${page.path}: ${kb(page.jsGzip)} of JavaScript gzip > ${kb(budgets.questionPageJsGzip)}`,
    );
  }
}

const row = (label: string, page: PageCost | undefined, budget: string, ok: boolean | undefined) =>
  page
    ? `| ${label} | \`${page.path}\` | ${kb(page.htmlGzip)} | ${kb(page.cssGzip)} | ${kb(page.jsRaw)} | ${kb(page.jsGzip)} | ${kb(page.totalGzip)} | ${budget} | ${ok === undefined ? "" : ok ? "ok" : "**over**"} |`
    : `| ${label} | (missing) | | | | | | ${budget} | **missing** |`;
const firstPermalink = pages.find((page) => /^\/contributions\/[^/]+\/$/.test(page.path));
const readingPages = pages.filter((page) => page.kind === "reading");
const heaviestReading = [...readingPages].sort((a, b) => b.totalGzip - a.totalGzip)[0];

console.log(
  `\n## Page weight (${pages.length} pages in ${relative(projectRoot, siteDir) || siteDir}; gzip file by file)\n`,
);
console.log("| page | path | HTML gzip | CSS gzip | JS raw | JS gzip | total gzip | budget | |");
console.log("|---|---|---|---|---|---|---|---|---|");
console.log(row("home", home, `total ≤ ${kb(budgets.homeTotalGzip)}`, home && home.totalGzip <= budgets.homeTotalGzip));
console.log(
  row(
    `theme (${BUDGET_ANSWERS} answers)`,
    themePage,
    `total ≤ ${kb(budgets.themeTotalGzip)}`,
    themePage && themePage.totalGzip <= budgets.themeTotalGzip,
  ),
);
console.log(
  row(
    "question (heaviest)",
    heaviestQuestion,
    `JS ≤ ${kb(budgets.questionPageJsGzip)}`,
    heaviestQuestion && heaviestQuestion.jsGzip <= budgets.questionPageJsGzip,
  ),
);
console.log(row("permalink", firstPermalink, "", undefined));
for (const path of ["/initiatives/proposer/", "/moderation/", "/recherche/", "/synthese/"]) {
  const page = byPath.get(path);
  if (page)
    console.log(
      row(
        page.kind === "action" ? "action page" : "reading page",
        page,
        page.kind === "reading" ? "JS = 0" : "",
        page.kind === "reading" ? page.jsRaw === 0 : undefined,
      ),
    );
}
console.log(row("heaviest reading page", heaviestReading, "JS = 0", heaviestReading && heaviestReading.jsRaw === 0));
console.log(
  `\nReading pages: ${readingPages.length}, with JavaScript: ${readingWithJs.length}. Action pages: ${pages.length - readingPages.length}.`,
);

await mkdir(resolve(projectRoot, "reports"), { recursive: true });
await writeFile(
  resolve(projectRoot, "reports/budgets.json"),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), site: siteDir, budgets, failures, pages }, null, 2)}\n`,
);

// ---------------------------------------------------------------------------
// 3. Lighthouse.

interface LighthousePage {
  path: string;
  scores: Record<string, number | null>;
  metrics: Record<string, string | undefined>;
  /** Accessibility audits that failed, with their title. */
  accessibilityFailures: string[];
}

async function runLighthouse(): Promise<void> {
  // A copy of the site dated tomorrow: scripts/start.ts rebuilds a site older than its sources, never this one.
  const served = scratchFolders(runName("budgets-site"));
  await cp(siteDir, served.buildDir, { recursive: true });
  await markFresh(served.buildDir);
  let server: RunningServer | undefined;
  let chrome: { kill: () => void; port: number } | undefined;
  const results: LighthousePage[] = [];
  try {
    server = await startServer({
      DIST_DIR: served.buildDir,
      PGLITE_DATA_DIR: serveData.dataDir,
      MODERATOR_TOKEN: "jeton-de-moderation-budgets-0123456789",
    });
    const [{ default: lighthouse }, chromeLauncher] = await Promise.all([
      import("lighthouse"),
      import("chrome-launcher"),
    ]);
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
    const paths = ["/", themePath, firstPermalink?.path, byPath.has("/synthese/") ? "/synthese/" : undefined].filter(
      (path): path is string => path !== undefined,
    );
    for (const path of paths) {
      const begin = performance.now();
      const result = await lighthouse(`${server.origin}${path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      const audit = (id: string) => lhr.audits[id]?.displayValue;
      const accessibilityFailures = (lhr.categories.accessibility?.auditRefs ?? [])
        .map((ref) => lhr.audits[ref.id])
        .filter(
          (item) => item !== undefined && item.score !== null && item.score < 1 && item.scoreDisplayMode === "binary",
        )
        .map((item) => `${item?.id}: ${item?.title}`);
      results.push({
        path,
        scores: Object.fromEntries(
          Object.entries(lhr.categories).map(([id, category]) => [
            id,
            category.score === null ? null : Math.round(category.score * 100),
          ]),
        ),
        metrics: {
          FCP: audit("first-contentful-paint"),
          LCP: audit("largest-contentful-paint"),
          TBT: audit("total-blocking-time"),
          CLS: audit("cumulative-layout-shift"),
          "Speed Index": audit("speed-index"),
        },
        accessibilityFailures,
      });
      console.log(`[budgets] Lighthouse ${path}: ${((performance.now() - begin) / 1000).toFixed(0)} s`);
      if (!lhr.lighthouseVersion.startsWith("13."))
        console.warn(`[budgets] Lighthouse ${lhr.lighthouseVersion}, not 13`);
    }
  } finally {
    chrome?.kill();
    await server?.stop();
    await removeScratch(served.buildDir, served.dataRoot);
  }

  await writeFile(
    resolve(projectRoot, "reports/lighthouse.json"),
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        preset: "mobile (Lighthouse default: Moto G Power emulation, simulated slow 4G)",
        chromium: CHROMIUM,
        pages: results,
      },
      null,
      2,
    )}\n`,
  );
  console.log("\n## Lighthouse 13, mobile (reports/lighthouse.json)\n");
  console.log("| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const page of results) {
    const score = (id: string) => String(page.scores[id] ?? "n/a");
    console.log(
      `| \`${page.path}\` | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ${page.metrics.FCP ?? ""} | ${page.metrics.LCP ?? ""} | ${page.metrics.TBT ?? ""} | ${page.metrics.CLS ?? ""} |`,
    );
    if (page.scores.accessibility !== 100) {
      failures.push(
        `accessibility ${page.scores.accessibility} on ${page.path} (must be 100): ${page.accessibilityFailures.join("; ")}`,
      );
    }
  }
}

try {
  if (!values["no-lighthouse"]) await runLighthouse();
} finally {
  if (!values.keep) {
    if (!values.dist) await removeScratch(scratch.buildDir, `${scratch.buildDir}-cache`, scratch.dataRoot);
    else if (!serveData.generated) await removeScratch(serveData.dataRoot);
  }
}

console.log(`\n[budgets] ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);
if (failures.length > 0) {
  console.error(`\n[budgets] over budget:\n${failures.map((failure) => `  - ${failure}`).join("\n")}`);
  process.exit(1);
}
console.log("[budgets] every budget is met.");
