import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { feedChannel, feedItems, newestAnswers } from "../../server/contribution-feed";
import { loadPublished } from "../../server/published";

/** RSS 2.0 feed of the latest published answers, newest first. */
export const GET: APIRoute = async ({ site }) => {
  const { answers } = await loadPublished();
  return rss({
    ...feedChannel(),
    site: site ?? "http://localhost:4321",
    customData: "<language>fr-fr</language>",
    items: feedItems(newestAnswers(answers)),
  });
};
