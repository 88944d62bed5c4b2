/**
 * The mission's values live in the content (consultation-texts.schema.ts):
 * a content folder without one of them fails its build with a message that
 * names the field, and the lists the forms offer come from the content.
 */

import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import rawConsultation from "../../src/content/consultation.json" with { type: "json" };
import rawTexts from "../../src/content/texts.json" with { type: "json" };
import { consultationSchema } from "../../src/domain/consultation.schema";
import { CATCH_ALL_ID, pageTextsSchema } from "../../src/domain/consultation-texts.schema";
import {
  initiativeInputSchema,
  initiativeKindLabel,
  initiativeKinds,
  knownInitiativeKind,
  knownProfile,
  profileLabel,
  profileSchema,
  profiles,
} from "../../src/domain/contribution.schema";
import { renderInlineMarkdown } from "../../src/domain/markdown";
import { pageTexts } from "../../src/domain/page-texts";

type Content = Record<string, unknown> & typeof rawConsultation & typeof rawTexts;

/**
 * The shipped content (consultation.json and texts.json as one object), changed by `edit`, and
 * what the build would print about it: each file checked by its own schema.
 */
function problems(edit: (content: Content) => void): string {
  const content = structuredClone({ ...rawConsultation, ...rawTexts }) as Content;
  edit(content);
  const textKeys = new Set(Object.keys(pageTextsSchema.shape));
  const part = (inTexts: boolean) =>
    Object.fromEntries(Object.entries(content).filter(([key]) => textKeys.has(key) === inTexts));
  return [consultationSchema.safeParse(part(false)), pageTextsSchema.safeParse(part(true))]
    .map((result) => (result.success ? "" : z.prettifyError(result.error)))
    .join("");
}

describe("the consultation's particulars", () => {
  it("are all in the shipped content", () => {
    expect(problems(() => {})).toBe("");
    expect(pageTexts.organisation.name).toBe("Fondation Travailler autrement");
    expect(pageTexts.press.contacts.length).toBeGreaterThan(0);
  });

  it("are required, each named by its path when missing", () => {
    const cases: [string, (content: Content) => void][] = [
      ["organisation.contactEmail", (content) => Reflect.deleteProperty(content.organisation, "contactEmail")],
      ["legal", (content) => Reflect.deleteProperty(content, "legal")],
      ["privacy.retention", (content) => Reflect.deleteProperty(content.privacy, "retention")],
      ["footer", (content) => Reflect.deleteProperty(content, "footer")],
      ["mission.lead", (content) => Reflect.deleteProperty(content.mission, "lead")],
      ["profiles", (content) => Reflect.deleteProperty(content, "profiles")],
    ];
    for (const [path, edit] of cases) expect(problems(edit), path).toContain(`→ at ${path}`);
  });

  it("refuses a press contact without a valid e-mail address", () => {
    expect(
      problems((content) => {
        content.press.contacts = [{ name: "Service de presse", email: "presse at exemple.fr" }];
      }),
    ).toMatch(/must be an e-mail address[\s\S]*→ at press\.contacts\[0\]\.email/);
  });

  it("needs at least one press contact", () => {
    expect(
      problems((content) => {
        content.press.contacts = [];
      }),
    ).toContain("→ at press.contacts");
  });

  it("refuses a mission section that takes one of the page's own anchors", () => {
    expect(
      problems((content) => {
        content.mission.sections[0]!.id = "calendrier";
      }),
    ).toContain('section id "calendrier" is already an anchor of the mission page');
  });
});

describe("profiles and initiative kinds", () => {
  it("come from the content, in its order", () => {
    expect(Object.keys(profiles)).toEqual(rawConsultation.profiles.map((entry) => entry.id));
    expect(Object.values(initiativeKinds)).toEqual(rawConsultation.initiativeKinds.map((entry) => entry.label));
  });

  it("must list the catch-all entry « autre », and say so", () => {
    const message = problems((content) => {
      content.initiativeKinds = content.initiativeKinds.filter((entry) => entry.id !== CATCH_ALL_ID);
    });
    expect(message).toContain(`must include an entry with id "${CATCH_ALL_ID}"`);
    expect(message).toContain("→ at initiativeKinds");
  });

  it("refuse an id listed twice, or made of digits only", () => {
    expect(
      problems((content) => {
        content.profiles = [...content.profiles, { id: "habitant", label: "Habitante" }];
      }),
    ).toContain('duplicate id "habitant"');
    expect(
      problems((content) => {
        content.profiles = [{ id: "2024", label: "Année" }, ...content.profiles];
      }),
    ).toContain("must contain a letter");
  });

  it("validate submissions against the content's ids", () => {
    expect(profileSchema.safeParse("habitant").success).toBe(true);
    expect(profileSchema.safeParse("commercant").success).toBe(false);
    const kindIssue = initiativeInputSchema
      .safeParse({ kind: "halle-couverte" })
      .error?.issues.find((issue) => issue.path[0] === "kind");
    expect(kindIssue).toBeDefined();
    expect(
      initiativeInputSchema.safeParse({ kind: "fablab" }).error?.issues.some((issue) => issue.path[0] === "kind"),
    ).toBe(false);
  });

  it("read a stored value the content no longer lists as « autre »", () => {
    expect(knownProfile("usager")).toBe("usager");
    expect(knownProfile("ancien-profil")).toBe(CATCH_ALL_ID);
    expect(profileLabel("ancien-profil")).toBe(profiles[CATCH_ALL_ID]);
    expect(knownInitiativeKind("ancienne-categorie")).toBe(CATCH_ALL_ID);
    expect(initiativeKindLabel("fablab")).toBe(initiativeKinds.fablab);
    expect(initiativeKindLabel("ancienne-categorie")).toBe(initiativeKinds[CATCH_ALL_ID]);
  });
});

describe("renderInlineMarkdown", () => {
  it("drops the paragraph around one line, and only then", () => {
    expect(renderInlineMarkdown("[Faites connaître un lieu](/initiatives/proposer/) que vous connaissez.")).toBe(
      '<a href="/initiatives/proposer/">Faites connaître un lieu</a> que vous connaissez.',
    );
    expect(renderInlineMarkdown("Un.\n\nDeux.")).toBe("<p>Un.</p>\n<p>Deux.</p>");
    expect(renderInlineMarkdown("<script>alert(1)</script>")).not.toContain("<script>");
  });
});
