/**
 * Bundles netlify/functions/ with Netlify's own bundler, zip-it-and-ship-it,
 * configured from netlify.toml the way a deploy reads it (`[functions]` for
 * every function, `[functions.<name>]` for one, NODE_VERSION for the
 * runtime), so that tests and size budgets look at what Netlify ships.
 *
 * `npm run bundle:functions` writes the zips a deploy would upload into
 * .netlify/functions-zipped/ and prints each one's size;
 * `--format none` writes them unzipped into .netlify/functions-bundled/,
 * ready to be imported by plain `node` (tests/bundles/serve-bundles.mjs).
 */
import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { zipFunctions } from "@netlify/zip-it-and-ship-it";
import { parse } from "smol-toml";
import { z } from "zod";
import { contentDirLabel } from "../src/content-files";

/** What this project reads of netlify.toml to bundle its functions. */
const functionSettings = z.object({ included_files: z.array(z.string()).optional() });
const netlifyToml = z.object({
  build: z.object({
    functions: z.string(),
    environment: z.object({ NODE_VERSION: z.string() }),
  }),
  /** `[functions]` for every function; `[functions.<name>]` (a table inside it) for one. */
  functions: z.record(z.string(), z.unknown()).optional(),
});

/** One bundled function. */
export interface BundledFunction {
  name: string;
  /** The zip file, or the folder with `archiveFormat: "none"`. */
  path: string;
  /** AWS Lambda runtime Netlify runs it on, e.g. "nodejs24.x". */
  runtimeVersion: string | undefined;
  /** Bytes of the zip (with `archiveFormat: "zip"`). */
  zipBytes: number | undefined;
}

type FunctionConfig = { includedFiles: string[]; nodeVersion: string };

/** zip-it-and-ship-it's configuration, from netlify.toml: "*" for every function, then one entry per named section. */
export async function functionsConfig(root: string) {
  const toml = netlifyToml.parse(parse(await readFile(join(root, "netlify.toml"), "utf8")));
  const nodeVersion = toml.build.environment.NODE_VERSION;
  const { included_files: shared = [] } = functionSettings.parse(toml.functions ?? {});
  const config: Record<string, FunctionConfig> = { "*": { nodeVersion, includedFiles: shared } };
  for (const [name, value] of Object.entries(toml.functions ?? {})) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
    // A named section adds its files to those every function gets.
    const own = functionSettings.parse(value).included_files ?? [];
    config[name] = { nodeVersion, includedFiles: [...shared, ...own] };
  }
  return { functionsDir: join(root, toml.build.functions), config };
}

/**
 * Throws, naming CONTENT_DIR and netlify.toml, when `[functions] included_files` does not ship the
 * content folder's JSON files with every function: they read them at run time (src/content-files.ts),
 * and nothing else would bring a folder named only by an environment variable into the bundles.
 */
export function checkContentShipped(includedFiles: string[], contentFolder: string): void {
  const folder = contentFolder.replaceAll("\\", "/").replace(/\/$/, "");
  const shipped = includedFiles.some(
    (pattern) => /^(\*\*|\*\.json)$/.test(pattern.slice(folder.length + 1)) && pattern.startsWith(`${folder}/`),
  );
  if (!shipped) {
    throw new Error(
      `netlify.toml's [functions] included_files does not ship the content folder ${folder} (CONTENT_DIR): add "${folder}/*.json" to it, or the functions will not find their consultation.`,
    );
  }
}

/** Bundles every function of the project into `outDir` (emptied first). */
export async function bundleFunctions(options: {
  root: string;
  outDir: string;
  archiveFormat: "zip" | "none";
}): Promise<BundledFunction[]> {
  const { functionsDir, config } = await functionsConfig(options.root);
  checkContentShipped(config["*"]?.includedFiles ?? [], contentDirLabel);
  await rm(options.outDir, { recursive: true, force: true });
  const results = await zipFunctions([functionsDir], options.outDir, {
    archiveFormat: options.archiveFormat,
    basePath: options.root,
    repositoryRoot: options.root,
    config,
    manifest: join(options.outDir, "manifest.json"),
  });
  return Promise.all(
    results.map(async (result) => ({
      name: result.name,
      path: result.path,
      runtimeVersion: result.runtimeVersion,
      zipBytes: options.archiveFormat === "zip" ? (await stat(result.path)).size : undefined,
    })),
  );
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { format: { type: "string", default: "zip" } }, strict: true });
  const archiveFormat = values.format === "none" ? "none" : "zip";
  const root = fileURLToPath(new URL("..", import.meta.url));
  const outDir = join(root, ".netlify", archiveFormat === "zip" ? "functions-zipped" : "functions-bundled");
  const started = Date.now();
  const bundled = await bundleFunctions({ root, outDir, archiveFormat });
  console.log(`[bundle] ${bundled.length} functions in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const fn of bundled.sort((a, b) => a.name.localeCompare(b.name))) {
    const size = fn.zipBytes === undefined ? "" : ` ${(fn.zipBytes / 1024 / 1024).toFixed(2)} MB zipped`;
    console.log(`  ${fn.name}: ${fn.runtimeVersion ?? "runtime ?"}${size}`);
  }
}
