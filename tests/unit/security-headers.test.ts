import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, inlineCode } from "../../src/integrations/security-headers";

const sha = (code: string) => `'sha256-${createHash("sha256").update(code).digest("base64")}'`;

describe("Content-Security-Policy from the built pages", () => {
  const page = `<!doctype html><html><head><style>astro-island{display:contents}</style>
    <script type="module" src="/_astro/a.js"></script><script type="application/ld+json">{"a":1}</script></head>
    <body><p style="color:red">x</p><script>(()=>{window.x=1})()</script></body></html>`;

  it("finds inline scripts and styles, not external scripts or JSON data", () => {
    expect(inlineCode(page)).toEqual({
      scripts: ["(()=>{window.x=1})()"],
      styles: ["astro-island{display:contents}"],
      styleAttributes: ["color:red"],
    });
  });

  it("allows exactly those by hash, nothing inline otherwise", () => {
    const policy = contentSecurityPolicy([page]);
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${sha("(()=>{window.x=1})()")}`);
    expect(policy).toContain("'unsafe-hashes'");
    expect(policy).toContain(sha("astro-island{display:contents}"));
    expect(policy).toContain(sha("color:red"));
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it("allows no inline code at all for pages without any", () => {
    const policy = contentSecurityPolicy(["<html><body><p>Bonjour</p></body></html>"]);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(policy).toContain("style-src 'self';");
  });
});
