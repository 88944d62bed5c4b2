import rss from "@astrojs/rss";
import type { APIRoute, GetStaticPaths } from "astro";
import { themes } from "../../../domain/consultation";
import type { Theme } from "../../../domain/consultation.schema";
import { feedChannel, feedItems, newestAnswers } from "../../../server/contribution-feed";
import { loadPublished } from "../../../server/published";
import { channelExtras, siteOf } from "../../../server/rss-channel";

export const getStaticPaths = (() =>
  themes.map((theme) => ({ params: { theme: theme.id }, props: { theme } }))) satisfies GetStaticPaths;

/** RSS 2.0 feed of the latest published answers to the questions of one theme, newest first. */
export const GET: APIRoute<{ theme: Theme }> = async ({ props, site, url }) => {
  const { answers } = await loadPublished();
  const items = feedItems(newestAnswers(answers.filter((answer) => answer.themeId === props.theme.id)));
  return rss({
    ...feedChannel(props.theme.title),
    // The channel links to the theme's page; item links are absolute paths, resolved on the same origin.
    site: new URL(`/themes/${props.theme.id}/`, siteOf(site)).href,
    ...channelExtras(new URL(url.pathname, siteOf(site)), items),
    items,
  });
};
