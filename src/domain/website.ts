/**
 * Web addresses citizens give for an initiative. The form only accepts
 * http(s) addresses, but the page checks again: what a page turns into a
 * link must never be a `javascript:` or `data:` URL, whatever the database
 * holds.
 */

/** The address, normalised, if it is an absolute http(s) URL; undefined otherwise. */
export function safeWebsite(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" ? url.href : undefined;
}

/** A web address as a reader expects to see it: "atelier.example.org/contact", without scheme or "www.". */
export function displayWebsite(href: string): string {
  const url = new URL(href);
  const path = `${url.pathname}${url.search}`.replace(/\/$/, "");
  return `${url.hostname.replace(/^www\./, "")}${path}`;
}
