// @ts-check
import react from "@astrojs/react";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import functionsDev from "./src/integrations/functions-dev.ts";
import islandStyles from "./src/integrations/island-styles.ts";
import securityHeaders from "./src/integrations/security-headers.ts";
import { siteUrlFromEnv } from "./src/server/env.ts";

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
  output: "static",
  // Astro 7's default ("jsx") drops the line breaks around elements, which glues the words of
  // `…</time>⏎(heure de Paris)` or `et⏎<strong>`: keep Astro 5's lossless compression.
  compressHTML: true,
  // "ignore", not "always": with "always", endpoints whose route has no extension, such as
  // /donnees/[file].ts, would have to be requested as /donnees/x.csv/; every link is written
  // with its slash anyway.
  trailingSlash: "ignore",
  // functionsDev: `npm run dev` serves netlify/functions at /api/* (no Netlify CLI needed).
  integrations: [
    react(),
    sitemap({ filter: (page) => !page.endsWith("/404/") && !page.endsWith("/moderation/") }),
    functionsDev(),
    // Before securityHeaders, which hashes the inline styles where islandStyles leaves them.
    islandStyles(),
    securityHeaders(),
  ],
  devToolbar: { enabled: false },
});
