/**
 * The initiatives directory's reading pages: every published initiative
 * with its own page, and the same initiatives by région and by kind, for
 * the static filter pages (/initiatives/region/<code>/,
 * /initiatives/type/<kind>/). Built from the published content the other
 * pages read, so every page of a build lists the same initiatives.
 */

import { CATCH_ALL_ID } from "../domain/consultation-texts.schema";
import { type InitiativeKind, initiativeKindLabel, initiativeKinds } from "../domain/contribution.schema";
import { loadPublished, type Published, type PublishedInitiative } from "./published";

/** A published initiative with its kind and its page. */
export interface DirectoryInitiative extends PublishedInitiative {
  kind: InitiativeKind;
  /** /initiatives/<id>/ */
  href: string;
}

/** The initiatives of one région, with its filter page. */
export interface DirectoryRegion {
  code: string;
  name: string;
  /** /initiatives/region/<code>/ */
  href: string;
  initiatives: DirectoryInitiative[];
}

/** The initiatives of one kind, with its filter page. */
export interface DirectoryKind {
  kind: InitiativeKind;
  label: string;
  /** /initiatives/type/<kind>/ */
  href: string;
  initiatives: DirectoryInitiative[];
}

/** The directory, ready for the pages. */
export interface InitiativeDirectory {
  /** Every published initiative, by région name then by name (the order of the main page). */
  all: DirectoryInitiative[];
  /** Régions with at least one initiative, by name. */
  regions: DirectoryRegion[];
  /** Kinds with at least one initiative, in the form's order. */
  kinds: DirectoryKind[];
}

const kindByLabel = new Map(
  (Object.entries(initiativeKinds) as [InitiativeKind, string][]).map(([kind, label]) => [label, kind]),
);

/**
 * The kind of a published initiative. published.ts keeps its French label
 * only (an unknown kind already reads « Autre lieu ou projet »); the labels
 * are distinct, so the label gives the kind back.
 */
export function kindOf(initiative: Pick<PublishedInitiative, "kindLabel">): InitiativeKind {
  return kindByLabel.get(initiative.kindLabel) ?? CATCH_ALL_ID;
}

/** Filter pages and initiative pages from the published content. Pure. */
export function toDirectory(published: Pick<Published, "initiativesByRegion">): InitiativeDirectory {
  const regions = published.initiativesByRegion.map((region) => ({
    code: region.regionCode,
    name: region.regionName,
    href: `/initiatives/region/${region.regionCode}/`,
    initiatives: region.initiatives.map((initiative) => ({
      ...initiative,
      kind: kindOf(initiative),
      href: `/initiatives/${initiative.id}/`,
    })),
  }));
  const all = regions.flatMap((region) => region.initiatives);
  const kinds = (Object.keys(initiativeKinds) as InitiativeKind[])
    .map((kind) => ({
      kind,
      label: initiativeKindLabel(kind),
      href: `/initiatives/type/${kind}/`,
      initiatives: all.filter((initiative) => initiative.kind === kind),
    }))
    .filter((kind) => kind.initiatives.length > 0);
  return { all, regions, kinds };
}

/** The directory of this build (see loadPublished: read once per build, afresh in dev). */
export async function loadDirectory(): Promise<InitiativeDirectory> {
  return toDirectory(await loadPublished());
}
