/**
 * The security-headers integration's middleware: adds the inline code of
 * every page Astro renders at build time to the build's hashes
 * (security-headers.ts), which astro:build:done turns into the CSP. Pages
 * of the parts the content switches off are left out, as content-folder
 * deletes them from dist/. Registered for builds only.
 */
import type { MiddlewareHandler } from "astro";
import { isSwitchedOff } from "../site.ts";
import { buildHashes } from "./security-headers.ts";

export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = await next();
  if (!response.headers.get("content-type")?.startsWith("text/html")) return response;
  if (isSwitchedOff(context.url.pathname)) return response;
  const html = await response.text();
  buildHashes().add(html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
};
