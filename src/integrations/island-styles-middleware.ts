/**
 * The island-styles integration's middleware: each HTML page Astro renders
 * at build time leaves with its island style element in its head
 * (moveIslandStyleToHead, island-styles.ts). Registered for builds only.
 */
import type { MiddlewareHandler } from "astro";
import { moveIslandStyleToHead } from "./island-styles.ts";

export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!response.headers.get("content-type")?.startsWith("text/html")) return response;
  const html = await response.text();
  const moved = moveIslandStyleToHead(html);
  if (moved === html) return new Response(html, response);
  const headers = new Headers(response.headers);
  // The body changed length.
  headers.delete("content-length");
  return new Response(moved, { status: response.status, statusText: response.statusText, headers });
};
