// @ts-check
import react from "@astrojs/react";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";

/**
 * Absolute URL the site is served from, for canonical links, Open Graph
 * images, the sitemap and the feeds. SITE_URL wins; Netlify sets URL on its
 * builds; a local build points at the local server.
 */
const site = process.env.SITE_URL || process.env.URL || "http://localhost:4321";

export default defineConfig({
  site,
  output: "static",
  trailingSlash: "always",
  integrations: [react(), sitemap({ filter: (page) => !page.endsWith("/404/") })],
  devToolbar: { enabled: false },
});
