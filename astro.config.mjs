// @ts-check
import { existsSync } from "node:fs";
import { join } from "node:path";
import react from "@astrojs/react";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import { contentDir, contentDirLabel, DEFAULT_CONTENT_DIR } from "./src/content-files.ts";
import contentFolder from "./src/integrations/content-folder.ts";
import functionsDev from "./src/integrations/functions-dev.ts";
import islandStyles from "./src/integrations/island-styles.ts";
import securityHeaders from "./src/integrations/security-headers.ts";
import { siteUrlFromEnv } from "./src/server/env.ts";
import { isSwitchedOff } from "./src/site.ts";

/**
 * Absolute URL the site is served from, for canonical links, Open Graph
 * images, the sitemap, robots.txt, the feeds and the calendar. SITE_URL wins;
 * Netlify sets URL on its builds; a local build points at the local server
 * (`npm start` passes its own address instead, scripts/start.ts), and a
 * production build with neither stops, naming SITE_URL (src/server/env.ts).
 */
const site = siteUrlFromEnv(process.env);

export default defineConfig({
  site,
  // A content folder other than src/content gets Astro's cache of its own (content collections, the
  // press releases), so that building it never mixes with, or waits on, the default content's cache.
  ...(contentDirLabel === DEFAULT_CONTENT_DIR
    ? {}
    : { cacheDir: `./node_modules/.astro-content/${contentDirLabel.replaceAll(/[^a-zA-Z0-9-]+/g, "_")}` }),
  // The favicon and the link-preview image name the consultation: a content folder with a public/
  // folder of its own serves that one instead of the default's.
  ...(existsSync(join(contentDir, "public")) ? { publicDir: join(contentDir, "public") } : {}),
  output: "static",
  // Astro 7's default ("jsx") drops the line breaks around elements, which glues the words of
  // `…</time>⏎(heure de Paris)` or `et⏎<strong>`: keep Astro 5's lossless compression.
  compressHTML: true,
  // "ignore", not "always": with "always", endpoints whose route has no extension, such as
  // /donnees/[file].ts, would have to be requested as /donnees/x.csv/; every link is written
  // with its slash anyway.
  trailingSlash: "ignore",
  // functionsDev: `npm run dev` serves netlify/functions at /api/* (no Netlify CLI needed).
  // contentFolder first: the pages and islands read CONTENT_DIR's files through it, and the pages of
  // the parts the content switches off are gone from dist/ before the other integrations read it.
  integrations: [
    contentFolder(),
    react(),
    sitemap({
      filter: (page) =>
        !page.endsWith("/404/") &&
        !page.endsWith("/moderation/") &&
        !page.endsWith("/suivi/") &&
        !page.endsWith("/desinscription/") &&
        !isSwitchedOff(page),
    }),
    functionsDev(),
    // Before securityHeaders, which hashes the inline styles where islandStyles leaves them.
    islandStyles(),
    securityHeaders(),
  ],
  devToolbar: { enabled: false },
});
