import rss from "@astrojs/rss";
import type { APIRoute, GetStaticPaths } from "astro";
import { themes } from "../../../domain/consultation";
import type { Theme } from "../../../domain/consultation.schema";
import { feedChannel, feedItems, newestAnswers } from "../../../server/contribution-feed";
import { loadPublished } from "../../../server/published";

export const getStaticPaths = (() =>
  themes.map((theme) => ({ params: { theme: theme.id }, props: { theme } }))) satisfies GetStaticPaths;

/** RSS 2.0 feed of the latest published answers to the questions of one theme, newest first. */
export const GET: APIRoute<{ theme: Theme }> = async ({ props, site }) => {
  const { answers } = await loadPublished();
  return rss({
    ...feedChannel(props.theme.title),
    // The channel links to the theme's page; item links are absolute paths, resolved on the same origin.
    site: new URL(`/themes/${props.theme.id}/`, site ?? "http://localhost:4321").href,
    customData: "<language>fr-fr</language>",
    items: feedItems(newestAnswers(answers.filter((answer) => answer.themeId === props.theme.id))),
  });
};
