import { getCollection } from "astro:content";
import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { consultation } from "../../domain/consultation";
import { startOfZonedDay } from "../../domain/zoned-time";
import { channelExtras, siteOf } from "../../server/rss-channel";

/** RSS 2.0 feed of the press releases, newest first. */
export const GET: APIRoute = async ({ site, url }) => {
  const releases = (await getCollection("press")).sort((a, b) => b.data.date.localeCompare(a.data.date));
  const items = releases.map((release) => ({
    title: release.data.title,
    description: release.data.summary,
    link: `/presse/${release.id}/`,
    pubDate: startOfZonedDay(release.data.date, consultation.timeZone),
  }));
  return rss({
    title: `${consultation.shortName} : communiqués de presse`,
    description: `Les communiqués de presse de la consultation « ${consultation.name} ».`,
    site: siteOf(site),
    ...channelExtras(new URL(url.pathname, siteOf(site)), items),
    items,
  });
};
