import type { APIRoute } from "astro";

/**
 * robots.txt: every page may be crawled (the moderation page and the 404
 * carry their own `noindex`, which a crawler must be allowed to read), the
 * API may not (JSON answers, no content), and the sitemap is named with the
 * site's absolute URL, as the protocol asks (RFC 9309, sitemaps.org).
 */
export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL("http://localhost:4321");
  const body = ["User-agent: *", "Disallow: /api/", "", `Sitemap: ${new URL("/sitemap-index.xml", base).href}`, ""];
  return new Response(body.join("\n"), { headers: { "Content-Type": "text/plain; charset=utf-8" } });
};
