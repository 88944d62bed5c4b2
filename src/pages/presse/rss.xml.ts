import { getCollection } from "astro:content";
import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { consultation } from "../../domain/consultation";
import { startOfZonedDay } from "../../domain/zoned-time";

/** RSS 2.0 feed of the press releases, newest first. */
export const GET: APIRoute = async ({ site }) => {
  const releases = (await getCollection("press")).sort((a, b) => b.data.date.localeCompare(a.data.date));
  return rss({
    title: `${consultation.shortName} : communiqués de presse`,
    description: `Les communiqués de presse de la consultation « ${consultation.name} ».`,
    site: site ?? "http://localhost:4321",
    customData: "<language>fr-fr</language>",
    items: releases.map((release) => ({
      title: release.data.title,
      description: release.data.summary,
      link: `/presse/${release.id}/`,
      pubDate: startOfZonedDay(release.data.date, consultation.timeZone),
    })),
  });
};
