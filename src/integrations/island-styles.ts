/**
 * Moves the one style element Astro writes for its islands,
 * `<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>`,
 * from the body into the head of every built page that has it.
 *
 * Astro 7 writes it just before its island loader scripts, inside the body
 * (getPrescripts in astro/dist/runtime/server/scripts.js, with no option to do otherwise), where the
 * HTML standard does not allow a style element: the W3C checker reports it
 * on every page with a form. In the head the rule is the same and applies
 * before any island is parsed, so layout is unchanged: an island's wrapper
 * elements still take no box of their own (display: contents).
 *
 * Done by a middleware (island-styles-middleware.ts) on each page as Astro
 * renders it at build time, so that the build does not read and rewrite
 * every page of dist/ afterwards; `astro dev` keeps Astro's placement.
 */
import type { AstroIntegration } from "astro";
// Astro's own text of the rule, so that a change of it in an upgrade is followed here.
import { ISLAND_STYLES } from "astro/runtime/server/astro-island-styles.js";

/** The element exactly as Astro writes it. */
export const ISLAND_STYLE_ELEMENT = `<style>${ISLAND_STYLES}</style>`;

/**
 * The page with Astro's island style element moved to the end of its head
 * (once, however many times the body held it), or the page unchanged when
 * its body has none.
 */
export function moveIslandStyleToHead(html: string): string {
  const headEnd = html.indexOf("</head>");
  if (headEnd === -1) return html;
  const head = html.slice(0, headEnd);
  const rest = html.slice(headEnd);
  if (!rest.includes(ISLAND_STYLE_ELEMENT)) return html;
  const body = rest.replaceAll(ISLAND_STYLE_ELEMENT, "");
  return head.includes(ISLAND_STYLE_ELEMENT) ? head + body : head + ISLAND_STYLE_ELEMENT + body;
}

export default function islandStyles(): AstroIntegration {
  return {
    name: "island-styles",
    hooks: {
      "astro:config:setup": ({ command, addMiddleware }) => {
        // Builds only: `astro dev` keeps Astro's pages as they are (import.meta.env.DEV cannot tell,
        // as a build run under Vitest has NODE_ENV=test).
        if (command !== "build") return;
        addMiddleware({ entrypoint: new URL("./island-styles-middleware.ts", import.meta.url), order: "post" });
      },
    },
  };
}
