/**
 * Writes dist/_headers with a Content-Security-Policy the built pages
 * actually satisfy: no inline script or style runs unless its exact SHA-256
 * is listed, and those hashes are computed from the built HTML itself
 * (Astro's island loader is the only inline script). Netlify applies
 * _headers; `npm start` applies it too. The other security headers, which
 * never change, live in netlify.toml.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/** Inline code found in a page: script and style element bodies, and style attributes. */
export function inlineCode(html: string): { scripts: string[]; styles: string[]; styleAttributes: string[] } {
  const bodies = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, "gi"))]
      .filter(
        (match) => !/\bsrc\s*=/.test(match[1] ?? "") && !/type\s*=\s*"?application\/(ld\+)?json/i.test(match[1] ?? ""),
      )
      .map((match) => match[2] ?? "")
      .filter((body) => body.trim() !== "");
  const styleAttributes = [...html.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi)].map((match) => match[1] ?? "");
  return { scripts: bodies("script"), styles: bodies("style"), styleAttributes };
}

const hash = (code: string) => `'sha256-${createHash("sha256").update(code, "utf8").digest("base64")}'`;

/** The policy for a set of pages' inline code. */
export function contentSecurityPolicy(pages: string[]): string {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  let styleAttributes = false;
  for (const html of pages) {
    const code = inlineCode(html);
    for (const script of code.scripts) scripts.add(hash(script));
    for (const style of code.styles) styles.add(hash(style));
    for (const attribute of code.styleAttributes) {
      styles.add(hash(attribute));
      styleAttributes = true;
    }
  }
  const list = (values: Set<string>) => [...values].sort().join(" ");
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly; it allows no JavaScript eval.
    `script-src 'self' 'wasm-unsafe-eval'${scripts.size ? ` ${list(scripts)}` : ""}`,
    // Hashes of style attributes are only honoured with 'unsafe-hashes'.
    `style-src 'self'${styleAttributes ? " 'unsafe-hashes'" : ""}${styles.size ? ` ${list(styles)}` : ""}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name));
}

export default function securityHeaders(): AstroIntegration {
  return {
    name: "security-headers",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages = await Promise.all((await htmlFiles(root)).map((file) => readFile(file, "utf8")));
        const policy = contentSecurityPolicy(pages);
        await writeFile(join(root, "_headers"), `/*\n  Content-Security-Policy: ${policy}\n`);
        logger.info(`_headers written: CSP for ${pages.length} pages`);
      },
    },
  };
}
