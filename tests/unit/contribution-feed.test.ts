/**
 * The feeds of published contributions (src/server/contribution-feed.ts):
 * newest first, at most fifty, each item a permalink with its excerpt as
 * text; characters XML cannot carry are dropped, and the rest is escaped by
 * the RSS writer.
 */
import { getRssString } from "@astrojs/rss";
import { describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { FEED_LENGTH, feedChannel, feedItems, newestAnswers, xmlText } from "../../src/server/contribution-feed";
import type { PublishedAnswer } from "../../src/server/published";

const theme = themes[0]!;
const question = theme.questions[0]!;
/** Characters XML 1.0 forbids: C0 controls but tab, LF and CR, and U+FFFE, U+FFFF. */
const notXml = (text: string) =>
  Array.from(text).filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || code === 0xfffe || code === 0xffff;
  });

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function answer(n: number, overrides: Partial<PublishedAnswer> = {}): PublishedAnswer {
  return {
    id: uuid(n),
    body: `Texte ${n}`,
    author: {
      pseudonym: `Auteur ${n}`,
      profileLabel: "Habitant, citoyen",
      communeName: "Guéret",
      departementName: "Creuse",
      regionName: "Nouvelle-Aquitaine",
      territoryType: "small-town",
      territoryLabel: "Petite ville",
    },
    publishedAt: new Date(Date.UTC(2018, 3, 13, 8, n)),
    counts: { support: 0, disagree: 0 },
    themeId: theme.id,
    questionId: question.id,
    retained: false,
    replies: [],
    ...overrides,
  };
}

describe("newestAnswers", () => {
  it("keeps the fifty most recently published, newest first, ties by id", () => {
    const answers = Array.from({ length: 60 }, (_, index) => answer(index + 1));
    const newest = newestAnswers(answers);
    expect(newest).toHaveLength(FEED_LENGTH);
    expect(newest[0]?.id).toBe(uuid(60));
    expect(newest.at(-1)?.id).toBe(uuid(11));
    const tie = new Date(Date.UTC(2018, 4, 1));
    expect(newestAnswers([answer(2, { publishedAt: tie }), answer(1, { publishedAt: tie })]).map((a) => a.id)).toEqual([
      uuid(1),
      uuid(2),
    ]);
  });
});

describe("feedItems", () => {
  it("link each answer to its permalink, with its question in the title and its theme as category", () => {
    const [item] = feedItems([answer(1)]);
    expect(item).toMatchObject({
      link: `/contributions/${uuid(1)}/`,
      title: `Contribution d'Auteur 1 : ${question.title}`,
      description: "Texte 1",
      categories: [theme.title],
    });
    expect(item?.pubDate).toEqual(answer(1).publishedAt);
  });

  it("give an excerpt as plain text, which the feed escapes, without characters XML forbids", async () => {
    const hostile = answer(1, {
      body: `<script>alert("x")</script> & ]]> fin\u0001\u0008\u000B\uFFFE ${"mot ".repeat(200)}`,
      author: { ...answer(1).author, pseudonym: "Zoé <b>\u0007" },
    });
    const [item] = feedItems([hostile]);
    expect(notXml(item?.description ?? "")).toEqual([]);
    expect(notXml(item?.title ?? "")).toEqual([]);
    expect(Array.from(item?.description ?? "").length).toBeLessThanOrEqual(280);
    const xml = await getRssString({ ...feedChannel(), site: "https://example.org", items: feedItems([hostile]) });
    expect(xml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; fin");
    expect(xml).toContain("<title>Contribution de Zoé &lt;b&gt; : ");
    expect(xml).toContain(`<guid isPermaLink="true">https://example.org/contributions/${uuid(1)}/</guid>`);
    expect(notXml(xml)).toEqual([]);
  });
});

describe("xmlText", () => {
  it("keeps tab, line ends, accents and emojis, and drops what XML 1.0 cannot carry", () => {
    expect(xmlText("a\tb\nc\rd é 🎉")).toBe("a\tb\nc\rd é 🎉");
    expect(xmlText("a\u0000b\u001Fc\uFFFFd\uD800e")).toBe("abcde");
  });
});

describe("feedChannel", () => {
  it("names the whole consultation, or one theme", () => {
    expect(feedChannel().title).toContain("contributions publiées");
    expect(feedChannel(theme.title).title).toContain(`« ${theme.title} »`);
  });
});
