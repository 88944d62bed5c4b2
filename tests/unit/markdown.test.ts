/**
 * The team's synthesis is Markdown rendered into the page as HTML: whatever
 * it holds, the result must not run anything.
 */
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/domain/markdown";

/** Everything in rendered HTML that a browser could run or load as a script. */
function executable(html: string): string[] {
  const root = parse(`<div>${html}</div>`);
  const found: string[] = [];
  for (const element of root.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    if (["script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "svg"].includes(tag)) {
      found.push(`<${tag}>`);
    }
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/^on/i.test(name)) found.push(`${tag}[${name}]`);
      if (["href", "src", "action", "formaction", "xlink:href"].includes(name.toLowerCase())) {
        // Browsers ignore control characters and spaces inside a scheme, so normalise as they do.
        const url = [...value]
          .filter((char) => (char.codePointAt(0) ?? 0) > 0x20)
          .join("")
          .toLowerCase();
        if (/^(javascript|vbscript|data):/.test(url)) found.push(`${tag}[${name}=${value}]`);
      }
    }
  }
  return found;
}

const hostile = {
  "a script element": "<script>alert(1)</script>",
  "a script inside a paragraph": "Bonjour <script>alert(1)</script> à tous",
  "an image with onerror": '<img src=x onerror="alert(1)">',
  "an inline image with onerror": "Texte <img src=x onerror=alert(1)> suite",
  "a javascript: link": "[x](javascript:alert(1))",
  "a javascript: link with mixed case and spaces": "[x]( JaVaScRiPt:alert(1))",
  "a javascript: link with an entity": "[x](java&#115;cript:alert(1))",
  "a javascript: link written as &#106;": "[x](&#106;avascript:alert(1))",
  "a javascript: reference link": "[x][piege]\n\n[piege]: javascript:alert(1)",
  "a javascript: autolink": "<javascript:alert(1)>",
  "a vbscript: link": "[x](vbscript:msgbox(1))",
  "a data: link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "a javascript: image": "![x](javascript:alert(1))",
  "a raw HTML block": '<div onmouseover="alert(1)">\n<p>bloc</p>\n</div>\n\nSuite.',
  "an iframe": '<iframe src="https://example.org"></iframe>',
  "an svg with onload": "<svg onload=alert(1)></svg>",
  "a style element": "<style>body{display:none}</style>",
  "an HTML link with javascript:": '<a href="javascript:alert(1)">x</a>',
  "an HTML comment hiding a script": "<!-- --><script>alert(1)</script><!-- -->",
  "a title attribute breaking out": '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
  "a heading carrying HTML": "# Titre <script>alert(1)</script>",
};

describe("renderMarkdown", () => {
  it.each(Object.entries(hostile))("renders %s with nothing executable", (_name, markdown) => {
    const html = renderMarkdown(markdown, { topHeading: 3 });
    expect(executable(html), html).toEqual([]);
    expect(html).not.toMatch(/<script|<img[^>]*onerror|<iframe|<svg|<style|href="javascript/i);
  });

  it("shows raw HTML as text rather than dropping it, so the team sees what it typed", () => {
    const html = renderMarkdown("Avant <b>gras</b> après");
    expect(html).toBe("<p>Avant &lt;b&gt;gras&lt;/b&gt; après</p>");
    expect(parse(html).text).toBe("Avant <b>gras</b> après");
  });

  it("keeps ordinary Markdown: emphasis, lists, http(s), mailto and site links", () => {
    const html = renderMarkdown(
      "Les **contributions** disent :\n\n* une *idée* ;\n* une autre.\n\n[Mission](/mission/), [site](https://example.org), [écrire](mailto:equipe@example.org)",
    );
    expect(html).toContain("<strong>contributions</strong>");
    expect(html).toContain("<em>idée</em>");
    expect(html).toContain("<li>une autre.</li>");
    expect(html).toContain('<a href="/mission/">Mission</a>');
    expect(html).toContain('<a href="https://example.org">site</a>');
    expect(html).toContain('<a href="mailto:equipe@example.org">écrire</a>');
  });

  it("moves headings under the page's own (the top one becomes h3), never past h6", () => {
    const html = renderMarkdown("# Un\n\n## Deux\n\n#### Quatre\n\n###### Six", { topHeading: 3 });
    expect(html).toBe("<h3>Un</h3>\n<h4>Deux</h4>\n<h6>Quatre</h6>\n<h6>Six</h6>");
    expect(renderMarkdown("# Un")).toBe("<h1>Un</h1>");
  });

  it("starts from the text's highest heading, so that no level is skipped", () => {
    expect(renderMarkdown("## Constats\n\n### Détail", { topHeading: 3 })).toBe("<h3>Constats</h3>\n<h4>Détail</h4>");
    expect(renderMarkdown("Sans titre.", { topHeading: 3 })).toBe("<p>Sans titre.</p>");
  });

  it("does not mistake a heading written as text for a tag", () => {
    expect(renderMarkdown("<h1>faux titre</h1>", { topHeading: 3 })).toBe("&lt;h1&gt;faux titre&lt;/h1&gt;");
  });
});
