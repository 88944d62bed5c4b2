/**
 * The open data files of /donnees/, read from the store at build. They hold
 * what the site shows, row for row: published answers to a question of the
 * content, published replies in the thread of a published answer, published
 * initiatives, the contributions the syntheses cite. The columns come from
 * src/domain/open-data.ts.
 */

import { consultation, features, findQuestion } from "../domain/consultation";
import { knownInitiativeKind } from "../domain/contribution.schema";
import {
  type ChoiceSource,
  type CitationSource,
  type ContributionSource,
  choicesTable,
  citationsTable,
  contributionsTable,
  DATA_PACKAGE_PATH,
  dataPackage,
  type InitiativeSource,
  initiativesTable,
  type ResponseSource,
  responsesTable,
  type TableDefinition,
  tableCsv,
  tableJson,
  tablePaths,
  tableSchema,
} from "../domain/open-data";
import { safeWebsite } from "../domain/website";
import { wallClock } from "../domain/zoned-time";
import { clockFromEnv } from "./clock";
import { loadOfficialResponses, type ShownResponse } from "./official-responses-page";
import { loadPublished, type Published } from "./published";
import { getStore } from "./store/open-store";
import type { PublicChoiceAnswer, PublicSnapshot } from "./store/store";

/** What the export is made of, read once per build. */
export interface OpenDataSnapshot {
  /** What the pages show: it decides which rows are exported. */
  published: Published;
  /** The store's published rows, with the columns the pages do not need (codes, submission time). */
  snapshot: PublicSnapshot;
  /** The answers to the closed questions (public columns only). */
  choices: PublicChoiceAnswer[];
  /** The published official responses. */
  responses: ShownResponse[];
  /** When the rows were read: the generation time the /donnees/ page gives. */
  readAt: Date;
}

const readsKey = Symbol.for("consultation.openDataReads");
type Registry = typeof globalThis & { [readsKey]?: WeakMap<Promise<Published>, Promise<OpenDataSnapshot>> };

/**
 * The published rows, read once for each snapshot the pages render from:
 * the read is keyed by loadPublished()'s promise, so the page and the six
 * files of one build share it, a rebuild in the same process (which forgets
 * the pages' snapshot) reads again, and the dev server, which reads afresh
 * on every request, does too. Kept on globalThis, as loadPublished does,
 * since Vite's loader and Node may each evaluate this module.
 */
export function loadOpenDataSnapshot(): Promise<OpenDataSnapshot> {
  const registry = globalThis as Registry;
  registry[readsKey] ??= new WeakMap();
  const reads = registry[readsKey];
  const pages = loadPublished();
  let reading = reads.get(pages);
  if (!reading) {
    reading = (async () => {
      const published = await pages;
      const { store } = await getStore();
      // The consultation's clock, as every date the site shows: a demonstration one says 2018.
      const [snapshot, choices] = [await store.publicSnapshot(), await store.publicChoiceAnswers()];
      const responses = await loadOfficialResponses();
      return { published, snapshot, choices, responses, readAt: clockFromEnv().now() };
    })();
    reads.set(pages, reading);
    // A failed read is not kept: the next call tries again.
    reading.catch(() => reads.delete(pages));
  }
  return reading;
}

/**
 * The rows of both tables. The pages' snapshot says which rows are shown;
 * the store's rows give their columns. Both are read at the start of the
 * build: a row published between the two reads waits for the next build
 * rather than appearing in the files and not on the site.
 */
export function openDataSources(
  { published, snapshot }: Pick<OpenDataSnapshot, "published" | "snapshot">,
  site: URL | string,
): { contributions: ContributionSource[]; initiatives: InitiativeSource[] } {
  const absolute = (path: string) => new URL(path, site).href;
  const answerOfReply = new Map(published.replies.map((reply) => [reply.id, reply.answerId]));

  const contributions: ContributionSource[] = [];
  for (const row of snapshot.contributions) {
    let url: string;
    if (row.parent_id === null) {
      if (!published.answersById.has(row.id)) continue;
      url = absolute(`/contributions/${row.id}/`);
    } else {
      const answerId = answerOfReply.get(row.id);
      if (answerId === undefined) continue;
      url = absolute(`/contributions/${answerId}/#reponse-${row.id}`);
    }
    contributions.push({
      id: row.id,
      url,
      parentId: row.parent_id,
      themeId: row.theme_id,
      questionId: row.question_id,
      stance: row.stance,
      body: row.body,
      pseudonym: row.pseudonym,
      profile: row.profile,
      communeName: row.commune_name,
      departementName: row.departement_name,
      regionCode: row.region_code,
      regionName: row.region_name,
      territoryType: row.territory_type,
      retained: row.retained,
      support: row.support,
      disagree: row.disagree,
      createdAt: new Date(row.created_at),
      publishedAt: new Date(row.published_at),
      origin: row.origin ?? "online",
      originEventId: row.origin_event_id ?? null,
    });
  }

  const shownInitiatives = new Set(
    published.initiativesByRegion.flatMap((region) => region.initiatives.map((initiative) => initiative.id)),
  );
  const initiatives: InitiativeSource[] = snapshot.initiatives
    .filter((row) => shownInitiatives.has(row.id))
    .map((row) => ({
      id: row.id,
      // Each published initiative has its own page (src/pages/initiatives/[id].astro).
      url: absolute(`/initiatives/${row.id}/`),
      name: row.name,
      // The directory shows a kind this version does not know as « Autre »: so does the file.
      kind: knownInitiativeKind(row.kind),
      description: row.description,
      website: safeWebsite(row.url) ?? null,
      openingYear: row.opening_year,
      communeName: row.commune_name,
      departementCode: row.departement_code,
      departementName: row.departement_name,
      regionCode: row.region_code,
      regionName: row.region_name,
      territoryType: row.territory_type,
      publishedAt: new Date(row.published_at),
    }));

  return { contributions, initiatives };
}

/** The rows of the responses table: each published response, once per contribution it answers, as the pages show it. */
export function responseSources(
  responses: readonly ShownResponse[],
  published: Pick<Published, "answers" | "replies">,
  site: URL | string,
): ResponseSource[] {
  // Only what the pages show: a response to a contribution gone from the site (or a reply under a hidden answer) is left out.
  const hrefs = new Map<string, string>([
    ...published.answers.map((answer) => [answer.id, `/contributions/${answer.id}/`] as const),
    ...published.replies.map((reply) => [reply.id, `/contributions/${reply.answerId}/#reponse-${reply.id}`] as const),
  ]);
  return responses.flatMap((response) =>
    response.contributionIds.flatMap((contributionId): ResponseSource[] => {
      const href = hrefs.get(contributionId);
      return href
        ? [
            {
              responseId: response.id,
              contributionId,
              status: response.status,
              statusLabel: response.statusLabel,
              body: response.body,
              publishedAt: response.publishedAt,
              url: new URL(href, site).href,
            },
          ]
        : [];
    }),
  );
}

/** The rows of the citations table: what each synthesis cites, as the pages link it. */
export function citationSources(published: Pick<Published, "citations">, site: URL | string): CitationSource[] {
  return published.citations.map((citation) => ({
    themeId: citation.themeId,
    contributionId: citation.contributionId,
    url: new URL(citation.href, site).href,
    synthesisUrl: new URL(`/themes/${citation.themeId}/#synthese`, site).href,
  }));
}

/**
 * The rows of the choices table: answers to a closed question the content
 * still has (as the pages count them), each option a known one.
 */
export function choiceSources(choices: readonly PublicChoiceAnswer[]): ChoiceSource[] {
  return choices.flatMap((row) => {
    const question = findQuestion(row.theme_id, row.question_id);
    if (!question || question.type === "open") return [];
    return [
      {
        id: row.id,
        themeId: row.theme_id,
        questionId: row.question_id,
        optionIds: row.option_ids,
        scaleValue: row.scale_value,
        profile: row.profile,
        regionCode: row.region_code,
        regionName: row.region_name,
        territoryType: row.territory_type,
        answeredOn: wallClock(new Date(row.created_at), consultation.timeZone).day,
      },
    ];
  });
}

/** One published file. */
export interface OpenDataFile {
  /** Path on the site, e.g. /donnees/contributions.csv. */
  path: string;
  /** MIME type, with its charset. */
  contentType: string;
  content: string;
  /** Size in bytes (UTF-8). */
  bytes: number;
}

/** The three files of one table. */
export interface OpenDataTableFiles {
  name: TableDefinition<unknown>["name"];
  rows: number;
  csv: OpenDataFile;
  json: OpenDataFile;
  schema: OpenDataFile;
}

/** Everything /donnees/ publishes. */
export interface OpenDataExport {
  readAt: Date;
  contributions: OpenDataTableFiles;
  initiatives: OpenDataTableFiles;
  choices: OpenDataTableFiles;
  citations: OpenDataTableFiles;
  responses: OpenDataTableFiles;
  /** datapackage.json: every table's files and their schemas. */
  dataPackage: OpenDataFile;
}

function file(path: string, contentType: string, content: string): OpenDataFile {
  return { path, contentType, content, bytes: Buffer.byteLength(content, "utf8") };
}

function tableFiles<Source>(table: TableDefinition<Source>, sources: Source[], site: URL | string): OpenDataTableFiles {
  const paths = tablePaths(table);
  return {
    name: table.name,
    rows: sources.length,
    csv: file(paths.csv, "text/csv; charset=utf-8; header=present", tableCsv(table, sources)),
    json: file(paths.json, "application/json; charset=utf-8", tableJson(table, sources)),
    schema: file(
      paths.schema,
      "application/json; charset=utf-8",
      `${JSON.stringify(tableSchema(table, site), null, 2)}\n`,
    ),
  };
}

/**
 * The tables /donnees/ publishes, in order: the initiatives only when the consultation has them
 * (`features` in its content), so that a switched-off part leaves no empty file behind.
 */
export const publishedTables = [
  contributionsTable,
  ...(features.initiatives ? [initiativesTable] : []),
  choicesTable,
  citationsTable,
  responsesTable,
] as const;

/** The files of /donnees/, with their sizes and row counts, for the build on `site`. */
export async function loadOpenData(site: URL | string): Promise<OpenDataExport> {
  const read = await loadOpenDataSnapshot();
  const sources = openDataSources(read, site);
  const descriptor = dataPackage([...publishedTables], site, read.readAt);
  return {
    readAt: read.readAt,
    contributions: tableFiles(contributionsTable, sources.contributions, site),
    initiatives: tableFiles(initiativesTable, sources.initiatives, site),
    choices: tableFiles(choicesTable, choiceSources(read.choices), site),
    citations: tableFiles(citationsTable, citationSources(read.published, site), site),
    responses: tableFiles(responsesTable, responseSources(read.responses, read.published, site), site),
    dataPackage: file(DATA_PACKAGE_PATH, "application/json; charset=utf-8", `${JSON.stringify(descriptor, null, 2)}\n`),
  };
}

/** Every file of /donnees/, by its name in that folder (contributions.csv…, datapackage.json). */
export function filesByName(data: OpenDataExport): Map<string, OpenDataFile> {
  return new Map(
    [
      data.contributions,
      ...(features.initiatives ? [data.initiatives] : []),
      data.choices,
      data.citations,
      data.responses,
    ]
      .flatMap((table) => [table.csv, table.json, table.schema])
      .concat(data.dataPackage)
      .map((entry) => [entry.path.slice("/donnees/".length), entry]),
  );
}
