/**
 * Writes dist/_headers with a Content-Security-Policy the built pages
 * actually satisfy: no inline script or style runs unless its exact SHA-256
 * is listed, and those hashes are computed from the built HTML itself
 * (Astro's island loader is the only inline script). Netlify applies
 * _headers; `npm start` applies it too. The other security headers, which
 * never change, live in netlify.toml.
 *
 * The hashes are taken from each page as Astro renders it, by a middleware
 * (security-headers-middleware.ts) that adds them to a set kept for the
 * build, rather than by reading every page back from dist/ afterwards: the
 * build never holds the whole site in memory, and never reads it again.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
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

/** The hashes of the inline code of a set of pages, page by page. */
export class InlineCodeHashes {
  readonly scripts = new Set<string>();
  readonly styles = new Set<string>();
  styleAttributes = false;
  pages = 0;

  /** Adds one page's inline code; the page itself is not kept. */
  add(html: string): void {
    const code = inlineCode(html);
    for (const script of code.scripts) this.scripts.add(hash(script));
    for (const style of code.styles) this.styles.add(hash(style));
    for (const attribute of code.styleAttributes) {
      this.styles.add(hash(attribute));
      this.styleAttributes = true;
    }
    this.pages += 1;
  }

  /** The policy the pages added so far satisfy. */
  policy(): string {
    const list = (values: Set<string>) => [...values].sort().join(" ");
    return [
      "default-src 'self'",
      // 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly; it allows no JavaScript eval.
      `script-src 'self' 'wasm-unsafe-eval'${this.scripts.size ? ` ${list(this.scripts)}` : ""}`,
      // Hashes of style attributes are only honoured with 'unsafe-hashes'.
      `style-src 'self'${this.styleAttributes ? " 'unsafe-hashes'" : ""}${this.styles.size ? ` ${list(this.styles)}` : ""}`,
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; ");
  }
}

/** The policy for a set of pages' inline code. */
export function contentSecurityPolicy(pages: string[]): string {
  const hashes = new InlineCodeHashes();
  for (const html of pages) hashes.add(html);
  return hashes.policy();
}

const buildHashesKey = Symbol.for("consultation.securityHeaders.buildHashes");
type Registry = typeof globalThis & { [buildHashesKey]?: InlineCodeHashes };

/**
 * The hashes of the build under way, on globalThis: the middleware runs
 * inside Astro's prerender bundle, which has its own copy of this module,
 * in the same process as the integration's hooks.
 */
export function buildHashes(): InlineCodeHashes {
  const registry = globalThis as Registry;
  registry[buildHashesKey] ??= new InlineCodeHashes();
  return registry[buildHashesKey];
}

/** A new, empty set for the next build (`npm start` rebuilds in the same process). */
function startBuildHashes(): void {
  (globalThis as Registry)[buildHashesKey] = new InlineCodeHashes();
}

export default function securityHeaders(): AstroIntegration {
  return {
    name: "security-headers",
    hooks: {
      "astro:config:setup": ({ command, addMiddleware }) => {
        // Builds only: `astro dev` keeps Astro's pages as they are (import.meta.env.DEV cannot tell,
        // as a build run under Vitest has NODE_ENV=test).
        if (command !== "build") return;
        addMiddleware({ entrypoint: new URL("./security-headers-middleware.ts", import.meta.url), order: "post" });
      },
      "astro:build:start": () => {
        startBuildHashes();
      },
      "astro:build:done": async ({ dir, logger }) => {
        const hashes = buildHashes();
        // A build whose pages never went through the middleware would ship a policy that blocks their scripts.
        if (hashes.pages === 0) throw new Error("security-headers: no built page went through its middleware");
        await writeFile(join(fileURLToPath(dir), "_headers"), `/*\n  Content-Security-Policy: ${hashes.policy()}\n`);
        logger.info(`_headers written: CSP for ${hashes.pages} pages`);
      },
    },
  };
}
