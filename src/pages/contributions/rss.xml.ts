import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { feedChannel, feedItems, newestAnswers } from "../../server/contribution-feed";
import { loadPublished } from "../../server/published";
import { channelExtras, siteOf } from "../../server/rss-channel";

/** RSS 2.0 feed of the latest published answers, newest first. */
export const GET: APIRoute = async ({ site, url }) => {
  const { answers } = await loadPublished();
  const items = feedItems(newestAnswers(answers));
  return rss({
    ...feedChannel(),
    site: siteOf(site),
    ...channelExtras(new URL(url.pathname, siteOf(site)), items),
    items,
  });
};
