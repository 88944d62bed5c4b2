/**
 * Web addresses citizens give for an initiative. The form only accepts
 * http(s) addresses, but the page checks again: what a page turns into a
 * link must never be a `javascript:` or `data:` URL, nor carry a user name or
 * password, whatever the database holds.
 */

/**
 * True when the address names a user or a password before its host
 * ("https://nom:secret@hôte/", "https://hôte-connu@autre-hôte/"): a secret
 * that would be published, or a host that reads as another one.
 */
export function hasCredentials(raw: string): boolean {
  const text = raw.trim();
  try {
    const url = new URL(text);
    return url.username !== "" || url.password !== "";
  } catch {
    // Not an address a browser can open; an "@" in what would be its authority still names a user.
    return /^[a-z][a-z\d+.-]*:\/*[^/\\?#]*@/i.test(text);
  }
}

/** The address, normalised, if it is an absolute http(s) URL without credentials; undefined otherwise. */
export function safeWebsite(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  const httpScheme = url.protocol === "https:" || url.protocol === "http:";
  const credentials = url.username !== "" || url.password !== "";
  return httpScheme && url.hostname !== "" && !credentials ? url.href : undefined;
}

/** A web address as a reader expects to see it: "atelier.example.org/contact", without scheme or "www.". */
export function displayWebsite(href: string): string {
  const url = new URL(href);
  const path = `${url.pathname}${url.search}`.replace(/\/$/, "");
  return `${url.hostname.replace(/^www\./, "")}${path}`;
}
