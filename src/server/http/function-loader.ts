/**
 * Finds and imports the function files, the way Netlify finds them in
 * `netlify/functions/`: every top-level `.ts` file is one function (helper
 * modules belong elsewhere, e.g. src/server/). One loader, two importers:
 * Vite's SSR loader in the dev server, so that editing a function (or a
 * module it imports) takes effect on the next request, and Node's own
 * `import()` for `npm start`, which runs under tsx.
 */
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { FunctionSource } from "./function-router";

/** Imports one module given its absolute file path. */
export type ModuleImporter = (file: string) => Promise<Record<string, unknown>>;

/**
 * Node's `import()`: modules load once for the life of the process. (Vite
 * sees this module too, when astro.config.mjs loads the dev integration:
 * the comment tells it the variable import is meant.)
 */
export const importWithNode: ModuleImporter = (file) => import(/* @vite-ignore */ pathToFileURL(file).href);

/**
 * Vite's `ssrLoadModule` (Astro's dev server): Vite caches modules and
 * drops them from its cache when their file changes, so loading on every
 * request is cheap and always current.
 */
export function importWithVite(server: {
  ssrLoadModule(url: string): Promise<Record<string, unknown>>;
}): ModuleImporter {
  return (file) => server.ssrLoadModule(file);
}

/** The absolute paths of the function files in `directory`, sorted; none if the folder does not exist. */
export async function listFunctionFiles(directory: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(directory, entry.name))
    .sort();
}

/**
 * Imports every function file of `directory` with `importer`. File names in
 * the result (and in errors) are relative to `root`, as a developer reads
 * them in the tree.
 */
export async function loadFunctions(
  directory: string,
  importer: ModuleImporter,
  root: string = process.cwd(),
): Promise<FunctionSource[]> {
  const files = await listFunctionFiles(directory);
  return Promise.all(
    files.map(async (path) => {
      const file = relative(root, path);
      try {
        return { file, module: await importer(path) };
      } catch (error) {
        throw new Error(`Cannot load the function ${file}: ${(error as Error).message}`, { cause: error });
      }
    }),
  );
}
