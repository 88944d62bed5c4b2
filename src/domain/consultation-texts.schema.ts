/**
 * The parts of a consultation's content that are neither its questions nor
 * its dates: who runs it, the texts of its pages, its legal particulars and
 * the lists a participant picks from. consultation.schema.ts puts them into
 * the consultation; the pages print them and hold no mission value of their
 * own. Fields named `…Markdown` hold CommonMark (rendered by markdown.ts,
 * safe: no raw HTML); the others are plain text printed as is.
 */
// zod/mini: the profiles and initiative kinds reach the browser with the forms (see validation.ts).
import * as z from "zod/mini";
import { isoDaySchema, slugSchema, text } from "./content-fields";

/** CommonMark text, rendered safely by markdown.ts. */
const markdown = text(1);

/** An e-mail address printed on the site (a service's, not a person's). */
const emailSchema = z.email("must be an e-mail address such as contact@example.org");

/**
 * The catch-all entry every list must have: a stored row whose value the
 * content no longer lists (an entry removed after answers came in) is
 * counted and labelled under it rather than lost.
 */
export const CATCH_ALL_ID = "autre";

/**
 * A list a participant picks one entry from, in the order the form shows it.
 * Ids are stored with each answer and published in the open data; labels
 * are what people read.
 */
const choiceListSchema = z
  .array(
    z.object({
      /** Stored and published value; must contain a letter, so that the list keeps its order as an object's keys. */
      id: slugSchema.check(z.regex(/[a-z]/, "must contain a letter (an id of digits only would be reordered)")),
      /** What the form and the pages show. */
      label: text(1),
    }),
  )
  .check(
    z.minLength(1),
    z.superRefine((entries, ctx) => {
      const seen = new Set<string>();
      for (const entry of entries) {
        if (seen.has(entry.id))
          ctx.addIssue({ code: "custom", message: `duplicate id "${entry.id}": ids must be unique` });
        seen.add(entry.id);
      }
      if (!seen.has(CATCH_ALL_ID)) {
        ctx.addIssue({
          code: "custom",
          message: `must include an entry with id "${CATCH_ALL_ID}" (e.g. { "id": "${CATCH_ALL_ID}", "label": "Autre" }): values the list no longer holds are counted under it`,
        });
      }
    }),
  );

/** The body that runs the consultation and answers for the site. */
export const organisationSchema = z.object({
  /** Its name without an article, as it reads in a list or a citation (« Fondation Travailler autrement »). */
  name: text(1),
  /** The address people write to about the site, its accessibility or the consultation. */
  contactEmail: emailSchema,
  /** Its postal address on one line, printed in the legal notice when given. */
  postalAddress: z.optional(text(1)),
});

export const headerSchema = z.object({
  /** The line under the site's name, on screens 40em wide and more. */
  subtitle: text(1),
});

/** The home page's texts around the figures and the themes, which the page takes from the consultation. */
export const homeSchema = z.object({
  /** Heading of the section that says what is asked (« Ce que la mission vous demande »). */
  requestTitle: text(1),
  /** Who asks what, before the list of guiding questions. */
  requestMarkdown: markdown,
  /** After the guiding questions: who may answer and what the answers feed. */
  audienceMarkdown: markdown,
  /**
   * The « how to take part » step inviting people to make initiatives known, with a link to
   * /initiatives/proposer/; without it the step is left out.
   */
  initiativeStepMarkdown: z.optional(markdown),
});

/** A section of the mission page: a heading and its text. */
const sectionSchema = z.object({
  /** The heading's anchor (/mission/#<id>). */
  id: slugSchema,
  title: text(1),
  bodyMarkdown: markdown,
});

/** A dated step of the mission's calendar, besides the consultation's own opening and closing. */
const milestoneSchema = z.object({
  /** The day it happens, or the day it is sorted by when `when` says it less precisely. */
  day: isoDaySchema,
  /** How the day reads when it is approximate (« Fin mars 2018 »); the exact day otherwise. */
  when: z.optional(text(1)),
  text: text(1),
});

/** The anchors the mission page gives its own sections (src/pages/mission.astro). */
export const MISSION_PAGE_ANCHORS = ["contexte", "qui-conduit-la-mission", "calendrier"] as const;

export const missionPageSchema = z.object({
  /** The page's meta description, for search engines and link previews. */
  description: text(20),
  /** The sentence under the title. */
  lead: text(1),
  /** Why the mission exists, before its guiding questions. */
  contextMarkdown: markdown,
  /** After « Qui conduit la mission »: the organisers presented, the method… in this order. */
  sections: z.array(sectionSchema).check(
    z.superRefine((sections, ctx) => {
      const seen = new Set<string>(MISSION_PAGE_ANCHORS);
      for (const section of sections) {
        if (seen.has(section.id)) {
          ctx.addIssue({
            code: "custom",
            message: `section id "${section.id}" is already an anchor of the mission page: choose another one`,
          });
        }
        seen.add(section.id);
      }
    }),
  ),
  /** The calendar's line for the opening day (« Ouverture de la consultation. » when left out). */
  openingText: z.optional(text(1)),
  /** The calendar's line for the closing day (« Clôture de la consultation. » when left out). */
  closingText: z.optional(text(1)),
  /** Other dated steps than the consultation's opening and closing, merged with them by day. */
  milestones: z.array(milestoneSchema),
});

/** A contact for journalists: a service, not a private person. */
const pressContactSchema = z.object({
  /** Who answers (« Service de presse de la Fondation … »). */
  name: text(1),
  email: emailSchema,
  /** Optional phone number, as it should be printed. */
  phone: z.optional(text(1)),
});

export const pressSchema = z.object({
  /** The press page's meta description. */
  description: text(20),
  /** The press kit's facts that only this consultation can state (places, territories, what comes next), in order. */
  facts: z.array(z.object({ term: text(1), detail: text(1) })),
  contacts: z.array(pressContactSchema).check(z.minLength(1)),
});

export const agendaSchema = z.object({
  /** The agenda page's meta description. */
  description: text(20),
  /** The sentence under the title: whom the team goes to meet. */
  lead: text(1),
});

/** The texts of the initiatives directory (/initiatives/) and of its form (/initiatives/proposer/). */
export const initiativesTextsSchema = z.object({
  /** The directory's meta description. */
  description: text(20),
  /** The sentence under the directory's title: which places it lists. */
  lead: text(1),
  /** The form page's meta description. */
  proposeDescription: text(20),
  /** The sentence under the form page's title: which places to make known. */
  proposeLead: text(1),
});

/** The particulars French law requires of a site's legal notice (LCEN, art. 6). */
export const legalSchema = z.object({
  /** Who publishes the site and for whom. */
  publisherMarkdown: markdown,
  /** The director of publication, by name or office. */
  publicationDirector: text(1),
  /** Who hosts the pages and the data, with their addresses: a deployment that changes host changes this. */
  hostMarkdown: markdown,
});

/** The particulars of the personal-data notice (GDPR, art. 13). */
export const privacySchema = z.object({
  /** The controller of the processing, as it reads after « Le responsable du traitement est ». */
  controller: text(1),
  /** Where people exercise their rights (the data protection officer's address when there is one). */
  rightsEmail: emailSchema,
  /** How long e-mail addresses and technical fingerprints are kept, as it reads after « au plus tard » (« six mois après la clôture de la consultation »). */
  retention: text(1),
});

/**
 * The page texts of texts.json: read by the pages only (src/domain/page-texts.ts), never by the
 * islands, so that no browser bundle carries the mission page or the legal notice.
 */
export const pageTextsSchema = z.object({
  organisation: organisationSchema,
  header: headerSchema,
  /** The footer's sentence on every page: who runs the consultation, with whose support. */
  footer: text(1),
  /** Alternative text of the link-preview image (public/og-image.png). */
  socialImageAlt: text(1),
  home: homeSchema,
  mission: missionPageSchema,
  press: pressSchema,
  agenda: agendaSchema,
  initiatives: initiativesTextsSchema,
  legal: legalSchema,
  privacy: privacySchema,
});

export type PageTexts = z.infer<typeof pageTextsSchema>;

/** The lists consultation.json adds, which the forms need: read in the browser too. */
export const consultationTextsShape = {
  /** Who the participant is, as they describe themselves; stored with each contribution. */
  profiles: choiceListSchema,
  /** Kinds of initiative a participant can make known; stored with each initiative. */
  initiativeKinds: choiceListSchema,
};
