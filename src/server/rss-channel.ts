/**
 * What every RSS feed of the site adds to the channel @astrojs/rss writes:
 * its language, an `atom:link rel="self"` naming the feed's own absolute
 * address (the RSS Advisory Board's best practice: a reader that got the
 * feed through a redirect or a copy knows where to poll), and a
 * `lastBuildDate`.
 *
 * lastBuildDate is the date of the newest item, not the build's clock: a
 * rebuild with unchanged data (the 5-minute schedule, a moderator's
 * decision about another theme) then writes the same feed byte for byte,
 * and a reader or cache comparing it sees no change where there is none.
 * A feed with no item yet takes the consultation's opening instant, as
 * stable. What this does not say: an item withdrawn (sent back to
 * moderation) leaves the newest remaining date, which may be older.
 */
import type { RSSFeedItem, RSSOptions } from "@astrojs/rss";
import { window } from "../domain/consultation";

/** The Atom namespace, for atom:link (RFC 4287). */
export const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

/** The site's absolute URL from an endpoint's context; astro.config.mjs always sets it. */
export function siteOf(site: URL | undefined): URL {
  if (!site) throw new Error("the site URL is unset: astro.config.mjs sets `site` from SITE_URL (src/server/env.ts)");
  return site;
}

/** The channel's lastBuildDate: its newest item's date, else the consultation's opening. */
export function lastBuildDate(items: readonly Pick<RSSFeedItem, "pubDate">[]): Date {
  const times = items.flatMap((item) => (item.pubDate ? [item.pubDate.getTime()] : []));
  return new Date(times.length > 0 ? Math.max(...times) : window.opensAt.getTime());
}

/** XML-escapes an attribute value. */
function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The options that give a feed at `self` (its absolute URL) its language,
 * self link and lastBuildDate, to spread into rss().
 */
export function channelExtras(
  self: URL,
  items: readonly Pick<RSSFeedItem, "pubDate">[],
): Required<Pick<RSSOptions, "xmlns" | "customData">> {
  return {
    xmlns: { atom: ATOM_NAMESPACE },
    customData: [
      "<language>fr-fr</language>",
      `<lastBuildDate>${lastBuildDate(items).toUTCString()}</lastBuildDate>`,
      `<atom:link href="${attribute(self.href)}" rel="self" type="application/rss+xml"/>`,
    ].join(""),
  };
}
