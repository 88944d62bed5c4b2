/**
 * The post-build step that moves Astro's island style element from the body
 * into the head (src/integrations/island-styles.ts).
 */
import { ISLAND_STYLES } from "astro/runtime/server/astro-island-styles.js";
import { describe, expect, it } from "vitest";
import { ISLAND_STYLE_ELEMENT, moveIslandStyleToHead } from "../../src/integrations/island-styles";

const page = (head: string, body: string) =>
  `<!DOCTYPE html><html lang="fr"><head><title>T</title>${head}</head> <body>${body}</body></html>`;
const loader = "<script>/* island loader */</script>";

describe("moveIslandStyleToHead", () => {
  it("is Astro's own element, display: contents for the island wrappers", () => {
    expect(ISLAND_STYLE_ELEMENT).toBe(`<style>${ISLAND_STYLES}</style>`);
    expect(ISLAND_STYLES).toContain("astro-island");
    expect(ISLAND_STYLES).toContain("display:contents");
  });

  it("moves it to the end of the head, leaving the scripts where they were", () => {
    const before = page(
      '<link rel="stylesheet" href="/a.css">',
      `<main><p>x</p>${ISLAND_STYLE_ELEMENT}${loader}</main>`,
    );
    expect(moveIslandStyleToHead(before)).toBe(
      page(`<link rel="stylesheet" href="/a.css">${ISLAND_STYLE_ELEMENT}`, `<main><p>x</p>${loader}</main>`),
    );
  });

  it("keeps one copy when the body held several, and none in the body when the head already had it", () => {
    const twice = page("", `${ISLAND_STYLE_ELEMENT}<astro-island></astro-island>${ISLAND_STYLE_ELEMENT}`);
    expect(moveIslandStyleToHead(twice)).toBe(page(ISLAND_STYLE_ELEMENT, "<astro-island></astro-island>"));
    const already = page(ISLAND_STYLE_ELEMENT, `<main>${ISLAND_STYLE_ELEMENT}</main>`);
    expect(moveIslandStyleToHead(already)).toBe(page(ISLAND_STYLE_ELEMENT, "<main></main>"));
  });

  it("leaves a page without it, or without a head, unchanged", () => {
    const reading = page("<style>p{margin:0}</style>", "<main><p>x</p></main>");
    expect(moveIslandStyleToHead(reading)).toBe(reading);
    const fragment = `<p>x</p>${ISLAND_STYLE_ELEMENT}`;
    expect(moveIslandStyleToHead(fragment)).toBe(fragment);
  });
});
