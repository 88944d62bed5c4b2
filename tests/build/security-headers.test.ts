/**
 * The built site's _headers: the CSP lists the hash of every inline script
 * and style of every page (so the pages run under it), and no page relies
 * on inline event handlers, which no hash can allow.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inlineCode } from "../../src/integrations/security-headers";

const dist = join(import.meta.dirname, "../../dist");
const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
  .map((entry) => join(entry.parentPath, entry.name));

describe("dist/_headers", () => {
  const headers = existsSync(join(dist, "_headers")) ? readFileSync(join(dist, "_headers"), "utf8") : "";
  const policy = /Content-Security-Policy: (.+)/.exec(headers)?.[1] ?? "";

  it("sets a Content-Security-Policy for every path, without unsafe-inline", () => {
    expect(headers.startsWith("/*\n")).toBe(true);
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toMatch(/'unsafe-eval'/);
  });

  it("lists the hash of every inline script and style of every page", () => {
    const missing: string[] = [];
    for (const file of pages) {
      const code = inlineCode(readFileSync(file, "utf8"));
      for (const snippet of [...code.scripts, ...code.styles, ...code.styleAttributes]) {
        const hash = `'sha256-${createHash("sha256").update(snippet).digest("base64")}'`;
        if (!policy.includes(hash)) missing.push(`${file}: ${snippet.slice(0, 40)}`);
      }
    }
    expect(pages.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it("finds no inline event handler or javascript: URL in any page", () => {
    const offenders = pages.filter((file) =>
      /\son[a-z]+\s*=|href\s*=\s*"javascript:/i.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
