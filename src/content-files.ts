/**
 * The content folder: where a consultation's files live (`CONTENT_DIR`,
 * default `src/content`, relative to the project root or absolute), and its
 * JSON files, read once.
 *
 * Why two implementations of one module, and not a JSON import or an alias:
 * the same content must reach the pages (Astro's Vite build and dev server),
 * the islands' browser bundles, the functions under tsx (`npm start`,
 * vitest) and the functions as zip-it-and-ship-it ships them (each file
 * transpiled alone by esbuild, then run by Node's own loader, which knows no
 * alias and no environment-dependent import).
 * - Outside Vite (Node, tsx, vitest, the Netlify bundles), this file runs as
 *   written: it reads the folder at start. netlify.toml's `included_files`
 *   ships the folder with every function, and the functions read
 *   `CONTENT_DIR` at run time.
 * - Inside Astro (pages and islands, `npm run dev` and `npm run build`),
 *   the Vite plugin of src/integrations/content-folder.ts replaces this
 *   module by one with the same exports and the JSON inlined, so that the
 *   browser gets the content without a file system, and each bundle keeps
 *   only the exports it uses.
 *
 * To add a JSON file to the content: one line in `contentJsonFiles` and
 * one export below; it is then optional (undefined when absent) until its
 * reader says otherwise.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Each JSON file of the content folder that code reads, under the name it is exported as. */
export const contentJsonFiles = {
  consultation: "consultation.json",
  visits: "visits.json",
  texts: "texts.json",
  accessibilityAudit: "accessibility-audit.json",
} as const;

export type ContentJsonName = keyof typeof contentJsonFiles;

/** The folder `src/content` when `CONTENT_DIR` is unset or empty. */
export const DEFAULT_CONTENT_DIR = "src/content";

/**
 * The content folder named by `env.CONTENT_DIR`, absolute; throws, naming
 * CONTENT_DIR and the folder, when it does not exist or has no
 * consultation.json (a misspelt folder must not build an empty site).
 */
export function resolveContentDir(env: Record<string, string | undefined>, root: string): string {
  const setting = env.CONTENT_DIR?.trim() || DEFAULT_CONTENT_DIR;
  const folder = isAbsolute(setting) ? setting : resolve(root, setting);
  const named = env.CONTENT_DIR?.trim() ? `CONTENT_DIR=${setting}` : `the default content folder (CONTENT_DIR unset)`;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(
      `Content folder ${folder} not found (${named}). Set CONTENT_DIR to a folder holding consultation.json, relative to ${root} or absolute; for the Netlify functions, list that folder in netlify.toml's [functions] included_files.`,
    );
  }
  if (!existsSync(join(folder, contentJsonFiles.consultation))) {
    throw new Error(
      `${folder} has no ${contentJsonFiles.consultation} (${named}): a content folder needs at least that file (see README, "Run your own consultation").`,
    );
  }
  return folder;
}

/** Every JSON file of `folder` that exists, parsed; a file that does not parse throws naming it. */
export function readContentJson(folder: string): Record<ContentJsonName, unknown> {
  const read = (file: string): unknown => {
    const path = join(folder, file);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new Error(`Invalid JSON in ${path}: ${(error as Error).message}`);
    }
  };
  return Object.fromEntries(Object.entries(contentJsonFiles).map(([name, file]) => [name, read(file)])) as Record<
    ContentJsonName,
    unknown
  >;
}

/**
 * The project root: the nearest folder above this module with a package.json. Not a fixed "..":
 * zip-it-and-ship-it bundles a function's own modules into netlify/functions/<name>.mjs, at the
 * root of a zip that keeps the project's package.json and paths (src/content/… included).
 */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return folder;
    if (dirname(folder) === folder) return start;
  }
}

/** The content folder, absolute. */
export const contentDir = resolveContentDir(process.env, projectRoot);

/** The content folder relative to the project root, for messages ("src/content/consultation.json"). */
export const contentDirLabel = relative(projectRoot, contentDir) || ".";

const files = readContentJson(contentDir);

/** consultation.json, unparsed (src/domain/consultation.ts checks it). */
export const consultation: unknown = files.consultation;
/** visits.json, unparsed; undefined when the folder has none. */
export const visits: unknown = files.visits;
/** texts.json (the pages' texts), unparsed; undefined when the folder has none. */
export const texts: unknown = files.texts;
/** accessibility-audit.json, unparsed; undefined when the folder has none. */
export const accessibilityAudit: unknown = files.accessibilityAudit;
