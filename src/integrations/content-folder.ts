/**
 * The content folder (CONTENT_DIR) inside Astro, in two parts:
 *
 * - a Vite plugin that replaces src/content-files.ts, which reads the folder
 *   with node:fs, by a module with the same exports and the JSON inlined, so
 *   that pages and islands (browser bundles included) get CONTENT_DIR's
 *   files, and a change to one of them reloads `npm run dev`
 *   (src/content-files.ts says why this and not an alias);
 * - at astro:build:done, the removal of the pages of the parts a
 *   consultation switches off (`features` in consultation.json, routes in
 *   src/site.ts): Astro builds every file of src/pages, so the pages of a
 *   switched-off part are built, then deleted before anything reads dist/
 *   (the sitemap filters them with the same list; nothing links to them).
 *   `npm run dev` still serves them, unlinked.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import type { Plugin } from "vite";
import {
  contentDir,
  contentDirLabel,
  contentJsonFiles,
  DEFAULT_CONTENT_DIR,
  projectRoot,
  readContentJson,
} from "../content-files.ts";
import { switchedOffRoutes } from "../site.ts";

const contentFilesModule = fileURLToPath(new URL("../content-files.ts", import.meta.url));

/**
 * The module Vite loads instead of src/content-files.ts: the same exports, the files read now. For
 * the browser (`browser`), the two absolute paths are empty: no island reads them, and a public
 * script has no business naming the folders of the machine that built it.
 */
export function inlinedContentModule({ browser = false }: { browser?: boolean } = {}): string {
  const files = readContentJson(contentDir);
  const lines = [
    `export const contentJsonFiles = ${JSON.stringify(contentJsonFiles)};`,
    `export const DEFAULT_CONTENT_DIR = ${JSON.stringify(DEFAULT_CONTENT_DIR)};`,
    `export const projectRoot = ${JSON.stringify(browser ? "" : projectRoot)};`,
    `export const contentDir = ${JSON.stringify(browser ? "" : contentDir)};`,
    `export const contentDirLabel = ${JSON.stringify(contentDirLabel)};`,
    ...Object.entries(files).map(
      // JSON.parse of a string literal: faster to parse than an object literal, and `undefined` for a missing file.
      // Marked pure, so that a bundle that does not read a file drops it (an island needs consultation.json,
      // not the audit nor the page texts): Rollup keeps any call it cannot prove free of side effects.
      ([name, value]) =>
        `export const ${name} = ${value === undefined ? "undefined" : `/* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(value))})`};`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

function contentFolderPlugin(): Plugin {
  return {
    name: "content-folder",
    enforce: "pre",
    load(id, options) {
      if (id.split("?")[0] !== contentFilesModule) return undefined;
      for (const file of Object.values(contentJsonFiles)) this.addWatchFile(join(contentDir, file));
      return inlinedContentModule({ browser: !options?.ssr });
    },
  };
}

export default function contentFolder(): AstroIntegration {
  return {
    name: "content-folder",
    hooks: {
      "astro:config:setup": ({ updateConfig, logger }) => {
        logger.info(`content from ${contentDirLabel}`);
        updateConfig({ vite: { plugins: [contentFolderPlugin()] } });
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        for (const route of switchedOffRoutes) {
          await rm(join(root, route), { recursive: true, force: true });
        }
        if (switchedOffRoutes.length > 0) logger.info(`switched off in the content: ${switchedOffRoutes.join(", ")}`);
      },
    },
  };
}
