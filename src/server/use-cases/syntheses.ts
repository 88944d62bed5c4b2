/**
 * The syntheses of the themes, as the moderators write them: read the
 * current text of every theme, save one (it is published at the next
 * rebuild, appended as a version and logged), read a theme's versions back.
 * Plain TypeScript, no HTTP: netlify/functions/admin-syntheses.ts parses the
 * request with synthesisSchema and turns the result into a response.
 */
import { checkCitations, parseCitations } from "../../domain/citations";
import { findTheme } from "../../domain/consultation";
import { actorLabel } from "../../domain/moderation-journal";
import type { SynthesesResponse, SynthesisSaved, SynthesisVersionsResponse } from "../../domain/synthesis-versions";
import type { FieldIssue } from "../../domain/validation";
import type { Moderator } from "../moderator-auth";
import { citableContributionIds } from "../published";
import type { Store } from "../store/store";

export const synthesisMessages = {
  unknownTheme: "Ce thème n'existe pas dans la consultation.",
} as const;

export type SynthesisRefused = { outcome: "unknown_theme" } | { outcome: "invalid"; issues: FieldIssue[] };

/** The current synthesis of every theme that has one. */
export async function listSyntheses(store: Store): Promise<SynthesesResponse> {
  const { syntheses } = await store.publicSnapshot();
  return {
    syntheses: syntheses.map((synthesis) => ({
      themeId: synthesis.theme_id,
      body: synthesis.body,
      updatedAt: synthesis.updated_at,
    })),
  };
}

/**
 * Saves a theme's synthesis (Markdown, already parsed by synthesisSchema). The site keeps its
 * rules: the text is the theme's synthesis from the next rebuild on, a blank one withdraws it.
 */
export async function saveSynthesis(
  input: { themeId: string; body: string },
  moderator: Moderator,
  store: Store,
): Promise<SynthesisRefused | { outcome: "saved"; saved: SynthesisSaved }> {
  if (!findTheme(input.themeId)) return { outcome: "unknown_theme" };
  const issues = await bodyIssues(input.body, store);
  if (issues.length > 0) return { outcome: "invalid", issues };
  // The time the database dated it with: the consultation's clock, as the site will show it.
  const { updatedAt, versionId } = await store.saveSynthesis({
    themeId: input.themeId,
    body: input.body,
    actor: moderator.id,
  });
  return { outcome: "saved", saved: { themeId: input.themeId, updatedAt, versionId } };
}

/**
 * What is wrong with a synthesis's text beyond its shape (synthesisSchema checked that), each as
 * an issue of the field "body": a citation of a contribution the site does not show (unknown,
 * pending, rejected, or a reply under a hidden answer) is refused when saved rather than failing
 * the next build. The public snapshot is read only when the text cites something.
 */
async function bodyIssues(body: string, store: Store): Promise<FieldIssue[]> {
  if (parseCitations(body).length === 0) return [];
  const citable = citableContributionIds(await store.publicSnapshot());
  return checkCitations(body, (id) => citable.has(id)).map((issue) => ({ path: "body", message: issue.message }));
}

/** The saved versions of one theme's synthesis, newest first. */
export async function listSynthesisVersions(
  themeId: string,
  store: Store,
): Promise<{ outcome: "unknown_theme" } | { outcome: "listed"; response: SynthesisVersionsResponse }> {
  if (!findTheme(themeId)) return { outcome: "unknown_theme" };
  const versions = await store.synthesisVersions({ themeId });
  return {
    outcome: "listed",
    response: {
      themeId,
      versions: versions.map((version) => ({
        id: version.id,
        body: version.body,
        authorName: actorLabel(version.author, version.author_name),
        published: version.published,
        createdAt: new Date(version.created_at).toISOString(),
      })),
    },
  };
}
