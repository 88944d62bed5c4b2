/**
 * The RSS feeds of newly published contributions: all answers
 * (/contributions/rss.xml) and the answers of one theme
 * (/themes/<theme>/rss.xml). Each item links to the answer's permalink,
 * which is also its guid, and carries an excerpt as plain text (escaped by
 * the XML writer of @astrojs/rss).
 */
import type { RSSFeedItem } from "@astrojs/rss";
import { consultation, findQuestion, findTheme } from "../domain/consultation";
import { excerpt, ofName } from "../domain/published-text";
import type { PublishedAnswer } from "./published";

/** Items per feed: enough for a reader polling daily at the busiest time of a consultation. */
export const FEED_LENGTH = 50;

/**
 * Characters XML 1.0 forbids even escaped (C0 controls but tab, CR and LF;
 * lone surrogates; U+FFFE and U+FFFF). A citizen can paste one; left in, it
 * would make the whole feed unreadable, so it is dropped.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** A text fit for an XML document. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "");
}

/** The newest answers first (ties by id, so that the order never changes between builds), at most FEED_LENGTH. */
export function newestAnswers(answers: readonly PublishedAnswer[], limit: number = FEED_LENGTH): PublishedAnswer[] {
  return [...answers]
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

/** One feed item per answer, in the order given. */
export function feedItems(answers: readonly PublishedAnswer[]): RSSFeedItem[] {
  return answers.map((answer) => {
    const question = findQuestion(answer.themeId, answer.questionId);
    const theme = findTheme(answer.themeId);
    const title = `Contribution ${ofName(answer.author.pseudonym)}${question ? ` : ${question.title}` : ""}`;
    return {
      title: xmlText(title),
      link: `/contributions/${answer.id}/`,
      description: xmlText(excerpt(answer.body)),
      pubDate: answer.publishedAt,
      ...(theme ? { categories: [theme.title] } : {}),
    };
  });
}

/** Title and description of a feed: the whole consultation, or one theme. */
export function feedChannel(themeTitle?: string): { title: string; description: string } {
  return themeTitle
    ? {
        title: `${consultation.shortName} : contributions du thème « ${themeTitle} »`,
        description: `Les dernières contributions publiées sur le thème « ${themeTitle} » de la consultation « ${consultation.name} ».`,
      }
    : {
        title: `${consultation.shortName} : contributions publiées`,
        description: `Les dernières contributions publiées de la consultation « ${consultation.name} ».`,
      };
}
