/**
 * The built pages (BUILD_DIR, dist/ by default) print the consultation's
 * own values, taken from its content folder (CONTENT_DIR): the footer and
 * the header on every page, the mission page, the press contacts, the legal,
 * privacy and accessibility particulars, the lists of the forms. The
 * expected values are read from the content the build read, so the test
 * holds for any consultation.
 */

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { consultation, features, themes } from "../../src/domain/consultation";
import { formatDay } from "../../src/domain/format";
import { renderInlineMarkdown, renderMarkdown } from "../../src/domain/markdown";
import { pageTexts } from "../../src/domain/page-texts";

const dist = resolve(import.meta.dirname, "../..", process.env.BUILD_DIR ?? "dist");

function page(file: string): HTMLElement {
  return parse(readFileSync(join(dist, file), "utf8"));
}

/** Text as a reader sees it: entities decoded, white space collapsed. */
const flat = (value: string) => value.replace(/\s+/g, " ").trim();
const textOf = (element: HTMLElement | null) => flat(element?.text ?? "");
/** The visible text of a Markdown field, as the page renders it. */
const markdownText = (markdown: string) => textOf(parse(renderMarkdown(markdown)));

const mailtos = (element: HTMLElement | null) =>
  (element?.querySelectorAll('a[href^="mailto:"]') ?? []).map((link) => link.getAttribute("href"));

beforeAll(() => {
  if (!existsSync(join(dist, "index.html"))) {
    throw new Error(`${dist} has no built site: build it first (npm run build, or scripts/build.ts --outDir).`);
  }
});

describe("every page", () => {
  it.each(["index.html", "mission/index.html", "presse/index.html", "mentions-legales/index.html"])(
    "%s has the content's footer, header subtitle and preview image text",
    (file) => {
      const document = page(file);
      expect(textOf(document.querySelector(".site-footer p"))).toBe(flat(pageTexts.footer));
      expect(textOf(document.querySelector(".site-title small"))).toBe(flat(pageTexts.header.subtitle));
      expect(document.querySelector('meta[property="og:image:alt"]')?.getAttribute("content")).toBe(
        pageTexts.socialImageAlt,
      );
    },
  );
});

describe("/ (home)", () => {
  it("prints the content's request and audience", () => {
    const document = page("index.html");
    const section = document.querySelector("#ce-que-demande-la-mission")?.parentNode as HTMLElement;
    expect(textOf(document.querySelector("#ce-que-demande-la-mission"))).toBe(pageTexts.home.requestTitle);
    expect(textOf(section)).toContain(markdownText(pageTexts.home.requestMarkdown));
    expect(textOf(section)).toContain(markdownText(pageTexts.home.audienceMarkdown));
  });

  it("invites people to make initiatives known only when the content says how", () => {
    const steps = page("index.html").querySelector("#participer")?.parentNode as HTMLElement;
    const step = pageTexts.home.initiativeStepMarkdown;
    if (step) expect(steps.innerHTML).toContain(renderInlineMarkdown(step));
    expect(steps.querySelector('a[href="/initiatives/proposer/"]') !== null).toBe(step !== undefined);
  });
});

describe("/mission/", () => {
  const document = page("mission/index.html");
  const prose = () => textOf(document.querySelector(".prose"));

  it("has the content's description, lead and context", () => {
    expect(document.querySelector('meta[name="description"]')?.getAttribute("content")).toBe(
      pageTexts.mission.description,
    );
    expect(textOf(document.querySelector(".lead"))).toBe(flat(pageTexts.mission.lead));
    expect(prose()).toContain(markdownText(pageTexts.mission.contextMarkdown));
  });

  it("has each section of the content under its own anchor", () => {
    for (const section of pageTexts.mission.sections) {
      expect(textOf(document.querySelector(`h2#${section.id}`)), section.id).toBe(flat(section.title));
      expect(prose()).toContain(markdownText(section.bodyMarkdown));
    }
  });

  it("lists the calendar by day: the opening, the closing and the content's milestones", () => {
    const steps = document.querySelectorAll(".timeline li");
    expect(steps).toHaveLength(pageTexts.mission.milestones.length + 2);
    const days = steps.map((step) => step.querySelector("time")?.getAttribute("datetime") ?? "");
    expect(days).toEqual([...days].sort());
    for (const milestone of pageTexts.mission.milestones) {
      const step = steps.find((item) => textOf(item).endsWith(flat(milestone.text)));
      expect(step, milestone.text).toBeDefined();
      expect(textOf(step?.querySelector("time") ?? null)).toBe(milestone.when ?? formatDay(milestone.day));
    }
  });
});

describe("/presse/", () => {
  const document = page("presse/index.html");
  const contacts = () => document.querySelector("#contacts-presse")?.parentNode as HTMLElement;

  it("lists the content's press contacts, and no other address", () => {
    for (const contact of pageTexts.press.contacts) {
      expect(textOf(contacts())).toContain(`${contact.name} : ${contact.email}`);
    }
    expect(mailtos(contacts())).toEqual(pageTexts.press.contacts.map((contact) => `mailto:${contact.email}`));
  });

  it("states the content's facts in its press kit", () => {
    const facts = textOf(document.querySelector(".facts"));
    for (const fact of pageTexts.press.facts) expect(facts).toContain(`${flat(fact.term)} ${flat(fact.detail)}`);
  });
});

describe("legal pages", () => {
  it("/mentions-legales/ names the publisher, the director of publication, the host and the contact", () => {
    const document = page("mentions-legales/index.html");
    const text = textOf(document.querySelector("main"));
    expect(text).toContain(markdownText(pageTexts.legal.publisherMarkdown));
    expect(text).toContain(`Directeur ou directrice de la publication : ${pageTexts.legal.publicationDirector}.`);
    expect(text).toContain(markdownText(pageTexts.legal.hostMarkdown));
    expect(mailtos(document.querySelector("main"))).toContain(`mailto:${pageTexts.organisation.contactEmail}`);
  });

  it("/donnees-personnelles/ names the controller, the retention and where to exercise one's rights", () => {
    const document = page("donnees-personnelles/index.html");
    const text = textOf(document.querySelector("main"));
    expect(text).toContain(`Le responsable du traitement est ${pageTexts.privacy.controller}.`);
    expect(text).toContain(`supprimées au plus tard ${pageTexts.privacy.retention}.`);
    expect(mailtos(document.querySelector("main"))).toEqual([`mailto:${pageTexts.privacy.rightsEmail}`]);
  });

  it("/accessibilite/ names the organisation and its contact address", () => {
    const document = page("accessibilite/index.html");
    expect(textOf(document.querySelector("main"))).toContain(pageTexts.organisation.name);
    expect(mailtos(document.querySelector("main"))).toEqual([`mailto:${pageTexts.organisation.contactEmail}`]);
  });

  it("/agenda/ opens with the content's lead", () => {
    expect(textOf(page("agenda/index.html").querySelector(".lead"))).toBe(flat(pageTexts.agenda.lead));
  });
});

describe("the forms' lists", () => {
  const openQuestion = themes.flatMap((theme) =>
    theme.questions.filter((question) => question.type === "open").map((question) => ({ theme, question })),
  )[0];

  it("offer the content's profiles, in its order", () => {
    if (!openQuestion) throw new Error("the content needs a question");
    const document = page(`themes/${openQuestion.theme.id}/${openQuestion.question.id}/index.html`);
    const select = document
      .querySelectorAll("select")
      .find((element) => (element.getAttribute("id") ?? "").includes("profile"));
    expect(select, "a profile select on the question page").toBeDefined();
    const options = (select?.querySelectorAll("option") ?? []).filter((option) => option.getAttribute("value"));
    expect(options.map((option) => [option.getAttribute("value"), textOf(option)])).toEqual(
      consultation.profiles.map((entry) => [entry.id, entry.label]),
    );
  });

  it.runIf(features.initiatives)("offer the content's initiative kinds, in its order", () => {
    const select = page("initiatives/proposer/index.html").querySelector("#initiative-kind");
    const options = (select?.querySelectorAll("option") ?? []).filter((option) => option.getAttribute("value"));
    expect(options.map((option) => [option.getAttribute("value"), textOf(option)])).toEqual(
      consultation.initiativeKinds.map((entry) => [entry.id, entry.label]),
    );
  });
});
