/**
 * The open data files, defined once: each table lists its columns in order,
 * and everything else is derived from that list, so that nothing can drift
 * apart:
 *
 * - the CSV header and the order of its cells, and the keys of each JSON
 *   object (`tableRecords`);
 * - the Table Schema file published beside the data (`tableSchema`,
 *   frictionless / schema.data.gouv.fr style), and the Data Package that
 *   lists every file with its schema (`dataPackage`);
 * - the data dictionary of the /donnees/ page (`fieldTypeLabel`, `values`).
 *
 * Only what the site itself shows is exported: no e-mail, token, IP or
 * author hash, idempotency key or moderation reason ever reaches these
 * tables (the store's public snapshot does not even carry them).
 *
 * Pure: the rows come from src/server/open-data.ts.
 */
import { consultation, themes } from "./consultation";
import { initiativeKinds, profiles, type Stance, stances } from "./contribution.schema";
import { toCsv } from "./csv";
import { type ContributionOriginKind, contributionOrigins } from "./field-contributions";
import { type TerritoryType, territoryTypes } from "./territory";

/**
 * Version of the two schemas and of the data package: the minor number grows
 * with a new column, the major one when a column changes or goes.
 * 2.0.0: dates in UTC (…Z) rather than with the offset of Paris, and a
 * stricter pattern for departement_code. 2.1.0: the citations of the
 * syntheses, a table of their own. 2.2.0: the origin of a contribution
 * (origin, origin_event_id), for the ones collected outside the site.
 * 2.3.0: the mission's official responses, a table of their own.
 */
export const OPEN_DATA_VERSION = "2.3.0";

/** Licence Ouverte 2.0 (Etalab), the licence of the files and of their schemas. */
export const openLicence = {
  name: "etalab-2.0",
  title: "Licence Ouverte / Open Licence version 2.0",
  path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
} as const;

/** Table Schema types this export uses. */
export type FieldType = "string" | "integer" | "number" | "boolean" | "date" | "datetime";

/** A value as the JSON file holds it (the CSV writes the same, with null as an empty cell). */
export type OpenDataValue = string | number | boolean | null;

/** One column of a table. */
export interface FieldDefinition<Source> {
  /** Column name: snake_case, stable once published. */
  name: string;
  /** Short French title. */
  title: string;
  /** What the column holds, in French. */
  description: string;
  type: FieldType;
  /** Table Schema format of a string column. */
  format?: "uuid" | "uri";
  /** Never empty. */
  required: boolean;
  /** Values must be unique in the file. */
  unique?: boolean;
  /** The allowed values (Table Schema enum), each with the French label the site shows. */
  values?: Readonly<Record<string, string>>;
  /** Regular expression a value must match in full (Table Schema patterns are implicitly anchored). */
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** The value of this column for one source row. */
  value: (source: Source) => OpenDataValue;
}

/** One published table: its columns and what identifies a row. */
export interface TableDefinition<Source> {
  /** File name stem: /donnees/<name>.csv, /donnees/<name>.json, /donnees/schema-<name>.json. */
  name: "contributions" | "initiatives" | "choices" | "citations" | "responses";
  title: string;
  description: string;
  fields: readonly FieldDefinition<Source>[];
  /** One column, or several whose values together identify a row. */
  primaryKey: string | readonly string[];
  /** Columns that name a row of the same table (an empty resource means "this table", as Table Schema has it). */
  foreignKeys?: readonly { fields: string; reference: { resource: ""; fields: string } }[];
}

/** A published contribution, as the export needs it (built by src/server/open-data.ts). */
export interface ContributionSource {
  id: string;
  /** Absolute URL where the site shows it. */
  url: string;
  parentId: string | null;
  themeId: string;
  questionId: string;
  stance: Stance | null;
  body: string;
  pseudonym: string;
  profile: string;
  communeName: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  territoryType: TerritoryType;
  retained: boolean;
  support: number;
  disagree: number;
  createdAt: Date;
  publishedAt: Date;
  /** How it reached the team; absent means the site. */
  origin?: ContributionOriginKind | undefined;
  /** For a contribution collected at a field visit: the visit's id in the agenda. */
  originEventId?: string | null | undefined;
}

/** A published initiative, as the export needs it. */
export interface InitiativeSource {
  id: string;
  /** Absolute URL of its page in the directory. */
  url: string;
  name: string;
  kind: string;
  description: string;
  /** Absolute http(s) URL, already checked as the directory checks it. */
  website: string | null;
  openingYear: number | null;
  communeName: string;
  departementCode: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  territoryType: TerritoryType;
  publishedAt: Date;
}

/**
 * An instant as ISO 8601 in UTC, to the second (truncated):
 * "2018-04-13T08:12:00Z". This is the default `datetime` format of Table
 * Schema v1, the version the schemas name (`YYYY-MM-DDThh:mm:ssZ`): a
 * validator following it refuses an offset such as +02:00, and every reader
 * gets the same instant without knowing the consultation's time zone.
 */
export function isoInstant(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("open data: an invalid date cannot be exported");
  return `${instant.toISOString().slice(0, 19)}Z`;
}

const UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** Codes of the Code officiel géographique: 2 digits in metropolitan France, 3 overseas. */
const REGION_CODE_PATTERN = "[0-9]{2,3}";
/**
 * Codes of the départements (Code officiel géographique): 01 to 95 without 20, then 2A and 2B in Corsica,
 * 971 to 978 overseas and 984 to 989 for the collectivités of the Pacific and the TAAF. In parentheses: a
 * validator that anchors a pattern as ^…$ would otherwise anchor each alternative on one side only.
 */
const DEPARTEMENT_CODE_PATTERN = "(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-8]|98[4-9])";

/** The département, région and territory type of a row's commune: the same columns in both tables. */
function placeFields<Source extends PlaceSource>(): FieldDefinition<Source>[] {
  return [
    {
      name: "departement_name",
      title: "Département",
      description: "Le département de cette commune.",
      type: "string",
      required: true,
      value: (row) => row.departementName ?? null,
    },
    {
      name: "region_code",
      title: "Code de la région",
      description: "Le code officiel géographique (Insee) de la région de cette commune.",
      type: "string",
      required: true,
      pattern: REGION_CODE_PATTERN,
      value: (row) => row.regionCode,
    },
    {
      name: "region_name",
      title: "Région",
      description: "La région de cette commune.",
      type: "string",
      required: true,
      value: (row) => row.regionName,
    },
    {
      name: "territory_type",
      title: "Type de territoire",
      description:
        "Le type de territoire de la commune : Métropole pour une commune membre d'une métropole, sinon Ville moyenne à partir de 20 000 habitants, Petite ville à partir de 2 000, Commune rurale en dessous.",
      type: "string",
      required: true,
      values: territoryTypes,
      value: (row) => row.territoryType,
    },
  ];
}

type PlaceSource = Pick<ContributionSource, "regionCode" | "regionName" | "territoryType"> & {
  departementName?: string;
};

const themeValues = Object.fromEntries(themes.map((theme) => [theme.id, theme.title]));
const questionValues = Object.fromEntries(
  themes.flatMap((theme) => theme.questions.map((question) => [question.id, question.title])),
);

/** The two kinds of contribution, as the column contribution_type names them. */
export const contributionTypes = {
  answer: "Réponse à une question",
  reply: "Réponse à une contribution",
} as const;

const utcNote =
  "en temps universel (UTC), au format ISO 8601 AAAA-MM-JJThh:mm:ssZ (par exemple 2018-04-13T08:12:00Z, soit 10\u00a0h\u00a012 à l'heure de Paris).";

/** Answers and replies, one row each. */
export const contributionsTable: TableDefinition<ContributionSource> = {
  name: "contributions",
  title: "Contributions publiées",
  description: `Les contributions publiées de la consultation « ${consultation.name} » : les réponses aux questions et les réponses à d'autres contributions, une ligne chacune, dans l'ordre de publication. Les contributions en attente de modération ou refusées n'y figurent jamais.`,
  primaryKey: "id",
  foreignKeys: [{ fields: "parent_id", reference: { resource: "", fields: "id" } }],
  fields: [
    {
      name: "id",
      title: "Identifiant",
      description: "Identifiant unique et stable de la contribution (UUID).",
      type: "string",
      format: "uuid",
      required: true,
      unique: true,
      pattern: UUID_PATTERN,
      value: (row) => row.id,
    },
    {
      name: "url",
      title: "Adresse sur le site",
      description:
        "Page de la contribution pour une réponse à une question ; pour une réponse à une contribution, son ancre (#reponse-…) dans la page de la contribution de départ.",
      type: "string",
      format: "uri",
      required: true,
      value: (row) => row.url,
    },
    {
      name: "contribution_type",
      title: "Type de contribution",
      description: "Réponse à une question de la consultation, ou réponse à une autre contribution.",
      type: "string",
      required: true,
      values: contributionTypes,
      value: (row) => (row.parentId === null ? "answer" : "reply"),
    },
    {
      name: "parent_id",
      title: "Contribution à laquelle elle répond",
      description:
        "Pour une réponse à une contribution, l'identifiant (colonne id) de la contribution à laquelle elle répond, elle-même publiée. Vide pour une réponse à une question.",
      type: "string",
      format: "uuid",
      required: false,
      pattern: UUID_PATTERN,
      value: (row) => row.parentId,
    },
    {
      name: "theme_id",
      title: "Thème",
      description:
        "Identifiant du thème de la question ; pour une réponse à une contribution, celui de la contribution de départ.",
      type: "string",
      required: true,
      values: themeValues,
      value: (row) => row.themeId,
    },
    {
      name: "question_id",
      title: "Question",
      description:
        "Identifiant de la question à laquelle la contribution répond ; pour une réponse à une contribution, celle de la contribution de départ.",
      type: "string",
      required: true,
      values: questionValues,
      value: (row) => row.questionId,
    },
    {
      name: "stance",
      title: "Position",
      description:
        "Position d'une réponse envers la contribution à laquelle elle répond. Vide pour une réponse à une question.",
      type: "string",
      required: false,
      values: stances,
      value: (row) => row.stance,
    },
    {
      name: "body",
      title: "Texte",
      description: "Le texte publié, tel que son auteur l'a écrit, sauts de ligne compris.",
      type: "string",
      required: true,
      value: (row) => row.body,
    },
    {
      name: "pseudonym",
      title: "Pseudonyme",
      description: "Le pseudonyme sous lequel la contribution est publiée (jamais un nom ni une adresse électronique).",
      type: "string",
      required: true,
      value: (row) => row.pseudonym,
    },
    {
      name: "profile",
      title: "Profil",
      description: "Le profil que la personne a choisi pour se présenter.",
      type: "string",
      required: true,
      values: profiles,
      value: (row) => row.profile,
    },
    {
      name: "commune_name",
      title: "Commune",
      description: "La commune de la personne, déduite du code postal qu'elle a donné.",
      type: "string",
      required: true,
      value: (row) => row.communeName,
    },
    ...placeFields<ContributionSource>(),
    {
      name: "retained",
      title: "Retenue pour la synthèse",
      description:
        "true si l'équipe de la consultation a retenu la contribution pour la synthèse de son thème, false sinon.",
      type: "boolean",
      required: true,
      value: (row) => row.retained,
    },
    {
      name: "support_count",
      title: "Soutiens",
      description: "Nombre de « Je soutiens » reçus, à la date de génération du fichier.",
      type: "integer",
      required: true,
      minimum: 0,
      value: (row) => row.support,
    },
    {
      name: "disagree_count",
      title: "Désaccords",
      description: "Nombre de « Je ne suis pas d'accord » reçus, à la date de génération du fichier.",
      type: "integer",
      required: true,
      minimum: 0,
      value: (row) => row.disagree,
    },
    {
      name: "created_at",
      title: "Date d'envoi",
      description: `Date et heure d'envoi de la contribution, ${utcNote}`,
      type: "datetime",
      required: true,
      value: (row) => isoInstant(row.createdAt),
    },
    {
      name: "published_at",
      title: "Date de publication",
      description: `Date et heure de publication après modération, ${utcNote}`,
      type: "datetime",
      required: true,
      value: (row) => isoInstant(row.publishedAt),
    },
    {
      name: "origin",
      title: "Origine",
      description:
        "Comment la contribution est parvenue à l'équipe : envoyée sur le site, ou recueillie hors du site (lors d'une visite de terrain de l'agenda, par courrier, par courriel) puis saisie par un modérateur.",
      type: "string",
      required: true,
      values: contributionOrigins,
      value: (row) => row.origin ?? "online",
    },
    {
      name: "origin_event_id",
      title: "Visite de terrain",
      description:
        "Pour une contribution recueillie lors d'une visite de terrain, l'identifiant de cette visite dans l'agenda du site (/agenda/#identifiant). Vide sinon.",
      type: "string",
      required: false,
      pattern: "[a-z0-9]+(-[a-z0-9]+)*",
      value: (row) => (row.origin === "event" ? (row.originEventId ?? null) : null),
    },
  ],
};

/** The directory of places and projects, one row each. */
export const initiativesTable: TableDefinition<InitiativeSource> = {
  name: "initiatives",
  title: "Lieux et initiatives publiés",
  description: `Les lieux et initiatives que les participants à la consultation « ${consultation.name} » ont fait connaître, publiés après modération, une ligne chacun, dans l'ordre de publication.`,
  primaryKey: "id",
  fields: [
    {
      name: "id",
      title: "Identifiant",
      description: "Identifiant unique et stable du lieu ou de l'initiative (UUID).",
      type: "string",
      format: "uuid",
      required: true,
      unique: true,
      pattern: UUID_PATTERN,
      value: (row) => row.id,
    },
    {
      name: "url",
      title: "Adresse sur le site",
      description: "Sa page dans l'annuaire des lieux et initiatives du site.",
      type: "string",
      format: "uri",
      required: true,
      value: (row) => row.url,
    },
    {
      name: "name",
      title: "Nom",
      description: "Le nom du lieu ou de l'initiative.",
      type: "string",
      required: true,
      value: (row) => row.name,
    },
    {
      name: "kind",
      title: "Type de lieu",
      description: "Le type de lieu ou de projet.",
      type: "string",
      required: true,
      values: initiativeKinds,
      value: (row) => row.kind,
    },
    {
      name: "description",
      title: "Description",
      description: "La présentation publiée, sauts de ligne compris.",
      type: "string",
      required: true,
      value: (row) => row.description,
    },
    {
      name: "website",
      title: "Site web",
      description: "L'adresse de son site (http ou https). Vide si aucune n'a été donnée.",
      type: "string",
      format: "uri",
      required: false,
      pattern: "https?://.+",
      value: (row) => row.website,
    },
    {
      name: "opening_year",
      title: "Année d'ouverture",
      description: "L'année d'ouverture du lieu. Vide si elle n'a pas été donnée.",
      type: "integer",
      required: false,
      minimum: 1990,
      maximum: 2100,
      value: (row) => row.openingYear,
    },
    {
      name: "commune_name",
      title: "Commune",
      description: "La commune du lieu, déduite du code postal donné.",
      type: "string",
      required: true,
      value: (row) => row.communeName,
    },
    {
      name: "departement_code",
      title: "Code du département",
      description: "Le code officiel géographique (Insee) du département de cette commune.",
      type: "string",
      required: true,
      pattern: DEPARTEMENT_CODE_PATTERN,
      value: (row) => row.departementCode,
    },
    ...placeFields<InitiativeSource>(),
    {
      name: "published_at",
      title: "Date de publication",
      description: `Date et heure de publication après modération, ${utcNote}`,
      type: "datetime",
      required: true,
      value: (row) => isoInstant(row.publishedAt),
    },
  ],
};

/** An answer to a closed question, as the export needs it (built by src/server/open-data.ts). */
export interface ChoiceSource {
  id: string;
  themeId: string;
  questionId: string;
  /** The chosen options, in the content's order; empty for a scale. */
  optionIds: readonly string[];
  scaleValue: number | null;
  profile: string;
  regionCode: string;
  regionName: string;
  territoryType: TerritoryType;
  /** The day it was sent, in the consultation's time zone (YYYY-MM-DD). */
  answeredOn: string;
}

const SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
const closedQuestionValues = Object.fromEntries(
  themes.flatMap((theme) =>
    theme.questions.filter((question) => question.type !== "open").map((question) => [question.id, question.title]),
  ),
);

/**
 * Answers to the closed questions, one row each: what was chosen, and who
 * answered only as the territory breakdown needs it (région, territory type,
 * profile, day), never a pseudonym, a commune nor the « autre » text.
 */
export const choicesTable: TableDefinition<ChoiceSource> = {
  name: "choices",
  title: "Réponses aux questions fermées",
  description: `Les réponses aux questions à choix et aux échelles de la consultation « ${consultation.name} », une ligne par réponse, dans l'ordre d'envoi. Elles sont comptées sans modération ; le texte d'une réponse « Autre » n'y figure pas (il est relu par l'équipe de la consultation), seul le choix « autre » est compté.`,
  primaryKey: "id",
  fields: [
    {
      name: "id",
      title: "Identifiant",
      description: "Identifiant unique et stable de la réponse (UUID).",
      type: "string",
      format: "uuid",
      required: true,
      unique: true,
      pattern: UUID_PATTERN,
      value: (row) => row.id,
    },
    {
      name: "theme_id",
      title: "Thème",
      description: "Identifiant du thème de la question.",
      type: "string",
      required: true,
      values: themeValues,
      value: (row) => row.themeId,
    },
    {
      name: "question_id",
      title: "Question",
      description: "Identifiant de la question fermée à laquelle la personne a répondu.",
      type: "string",
      required: true,
      values: closedQuestionValues,
      value: (row) => row.questionId,
    },
    {
      name: "option_ids",
      title: "Réponses choisies",
      description:
        "Pour une question à choix, les identifiants des réponses choisies, séparés par une espace, dans l'ordre de la question (« autre » pour la réponse « Autre »). Vide pour une échelle.",
      type: "string",
      required: false,
      pattern: `${SLUG}( ${SLUG})*`,
      value: (row) => (row.optionIds.length > 0 ? row.optionIds.join(" ") : null),
    },
    {
      name: "scale_value",
      title: "Valeur sur l'échelle",
      description: "Pour une échelle, la valeur choisie, de 1 à 5. Vide pour une question à choix.",
      type: "integer",
      required: false,
      minimum: 1,
      maximum: 5,
      value: (row) => row.scaleValue,
    },
    {
      name: "profile",
      title: "Profil",
      description: "Le profil que la personne a choisi pour se présenter.",
      type: "string",
      required: true,
      values: profiles,
      value: (row) => row.profile,
    },
    ...placeFields<ChoiceSource>().filter((field) => field.name !== "departement_name"),
    {
      name: "answered_on",
      title: "Date de la réponse",
      description: `Le jour de l'envoi, dans le fuseau horaire de la consultation (${consultation.timeZone}), au format AAAA-MM-JJ : l'heure n'est pas publiée.`,
      type: "date",
      required: true,
      value: (row) => row.answeredOn,
    },
  ],
};

/** A contribution cited by a theme's synthesis, as the export needs it (built by src/server/open-data.ts). */
export interface CitationSource {
  themeId: string;
  contributionId: string;
  /** Absolute URL where the site shows the contribution. */
  url: string;
  /** Absolute URL of the synthesis that cites it. */
  synthesisUrl: string;
}

/** The citations of the syntheses, one row per theme and cited contribution. */
export const citationsTable: TableDefinition<CitationSource> = {
  name: "citations",
  title: "Contributions citées par les synthèses",
  description: `Les contributions publiées que cite la synthèse de l'équipe de la consultation « ${consultation.name} » sur chaque thème, une ligne par thème et par contribution citée (citée plusieurs fois dans la même synthèse, elle n'a qu'une ligne), thème après thème, dans l'ordre de leur première citation. contribution_id renvoie à la colonne id du fichier des contributions.`,
  primaryKey: ["theme_id", "contribution_id"],
  fields: [
    {
      name: "theme_id",
      title: "Thème de la synthèse",
      description: "Identifiant du thème dont la synthèse cite la contribution.",
      type: "string",
      required: true,
      values: themeValues,
      value: (row) => row.themeId,
    },
    {
      name: "synthesis_url",
      title: "Adresse de la synthèse",
      description: "La synthèse du thème, sur la page du thème.",
      type: "string",
      format: "uri",
      required: true,
      value: (row) => row.synthesisUrl,
    },
    {
      name: "contribution_id",
      title: "Contribution citée",
      description: "Identifiant (UUID) de la contribution citée, tel que la colonne id du fichier des contributions.",
      type: "string",
      format: "uuid",
      required: true,
      pattern: UUID_PATTERN,
      value: (row) => row.contributionId,
    },
    {
      name: "url",
      title: "Adresse de la contribution",
      description:
        "Page de la contribution citée pour une réponse à une question ; pour une réponse à une contribution, son ancre (#reponse-…) dans la page de la contribution de départ.",
      type: "string",
      format: "uri",
      required: true,
      value: (row) => row.url,
    },
  ],
};

/** One official response to one contribution (a response answering a group has a row per contribution). */
export interface ResponseSource {
  responseId: string;
  contributionId: string;
  status: string;
  statusLabel: string;
  body: string;
  publishedAt: Date;
  /** Absolute URL of the answered contribution. */
  url: string;
}

/** The mission's official responses, one row per response and answered contribution. */
export const responsesTable: TableDefinition<ResponseSource> = {
  name: "responses",
  title: "Réponses de la mission aux contributions",
  description: `Les réponses officielles de l'équipe de la consultation « ${consultation.name} » aux contributions publiées, une ligne par réponse et par contribution à laquelle elle répond (une réponse à un groupe de contributions a une ligne pour chacune), dans l'ordre de leur publication. contribution_id renvoie à la colonne id du fichier des contributions.`,
  primaryKey: ["response_id", "contribution_id"],
  fields: [
    {
      name: "response_id",
      title: "Réponse",
      description: "Identifiant (UUID) de la réponse, le même pour toutes les contributions d'un groupe.",
      type: "string",
      format: "uuid",
      required: true,
      pattern: UUID_PATTERN,
      value: (row) => row.responseId,
    },
    {
      name: "contribution_id",
      title: "Contribution",
      description:
        "Identifiant (UUID) de la contribution à laquelle elle répond, tel que la colonne id du fichier des contributions.",
      type: "string",
      format: "uuid",
      required: true,
      unique: true,
      pattern: UUID_PATTERN,
      value: (row) => row.contributionId,
    },
    {
      name: "status",
      title: "Statut",
      description: "Identifiant du statut de la réponse, parmi ceux de la consultation.",
      type: "string",
      required: true,
      values: Object.fromEntries(consultation.responseStatuses.map((entry) => [entry.id, entry.label])),
      value: (row) => row.status,
    },
    {
      name: "status_label",
      title: "Statut (libellé)",
      description: "Le statut tel que le site l'affiche.",
      type: "string",
      required: true,
      value: (row) => row.statusLabel,
    },
    {
      name: "body",
      title: "Texte de la réponse",
      description: "Le texte de la réponse, tel que le site l'affiche sous la contribution.",
      type: "string",
      required: true,
      value: (row) => row.body,
    },
    {
      name: "published_at",
      title: "Date de publication",
      description: `Date et heure de publication de la réponse, ${utcNote}`,
      type: "datetime",
      required: true,
      value: (row) => isoInstant(row.publishedAt),
    },
    {
      name: "url",
      title: "Adresse de la contribution",
      description: "Page où la contribution et sa réponse sont publiées.",
      type: "string",
      format: "uri",
      required: true,
      value: (row) => row.url,
    },
  ],
};

/** Where the files of a table are published. */
export function tablePaths(table: { name: TableDefinition<unknown>["name"] }) {
  return {
    csv: `/donnees/${table.name}.csv`,
    json: `/donnees/${table.name}.json`,
    schema: `/donnees/schema-${table.name}.json`,
  };
}

/** The column names of a table, in order: the CSV header and the keys of each JSON object. */
export function columnNames<Source>(table: TableDefinition<Source>): string[] {
  return table.fields.map((field) => field.name);
}

/** The rows of a table as JSON objects whose keys follow the column order. */
export function tableRecords<Source>(
  table: TableDefinition<Source>,
  sources: readonly Source[],
): Record<string, OpenDataValue>[] {
  return sources.map((source) => Object.fromEntries(table.fields.map((field) => [field.name, field.value(source)])));
}

/** The CSV file of a table (UTF-8 with a byte order mark, CRLF, formulas neutralised). */
export function tableCsv<Source>(table: TableDefinition<Source>, sources: readonly Source[]): string {
  return toCsv(
    columnNames(table),
    sources.map((source) => table.fields.map((field) => field.value(source))),
  );
}

/**
 * The JSON file of a table: an array of objects, one per line, so that the
 * file stays small and still reads (and diffs) row by row.
 */
export function tableJson<Source>(table: TableDefinition<Source>, sources: readonly Source[]): string {
  const lines = tableRecords(table, sources).map((record) => JSON.stringify(record));
  return lines.length === 0 ? "[]\n" : `[\n${lines.join(",\n")}\n]\n`;
}

/** A Table Schema field descriptor. */
export interface SchemaField {
  name: string;
  title: string;
  description: string;
  type: FieldType;
  format?: string;
  constraints: {
    required: boolean;
    unique?: boolean;
    enum?: string[];
    pattern?: string;
    minimum?: number;
    maximum?: number;
  };
}

/** A Table Schema descriptor, with the metadata schema.data.gouv.fr asks for. */
export interface TableSchema {
  $schema: string;
  name: string;
  title: string;
  description: string;
  version: string;
  homepage: string;
  path: string;
  resources: { title: string; path: string }[];
  licenses: { name: string; title: string; path: string }[];
  fields: SchemaField[];
  missingValues: string[];
  primaryKey: string | string[];
  foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[];
}

/** The Table Schema of a table, with absolute URLs on `site`. */
export function tableSchema<Source>(table: TableDefinition<Source>, site: URL | string): TableSchema {
  const paths = tablePaths(table);
  const absolute = (path: string) => new URL(path, site).href;
  return {
    $schema: "https://frictionlessdata.io/schemas/table-schema.json",
    name: `${consultation.id}-${table.name}`,
    title: table.title,
    description: table.description,
    version: OPEN_DATA_VERSION,
    homepage: absolute("/donnees/"),
    path: absolute(paths.schema),
    resources: [
      { title: `${table.title} (CSV)`, path: absolute(paths.csv) },
      { title: `${table.title} (JSON)`, path: absolute(paths.json) },
    ],
    licenses: [{ ...openLicence }],
    fields: table.fields.map((field) => ({
      name: field.name,
      title: field.title,
      description: field.description,
      type: field.type,
      ...(field.format ? { format: field.format } : {}),
      constraints: {
        required: field.required,
        ...(field.unique ? { unique: true } : {}),
        ...(field.values ? { enum: Object.keys(field.values) } : {}),
        ...(field.pattern ? { pattern: field.pattern } : {}),
        ...(field.minimum !== undefined ? { minimum: field.minimum } : {}),
        ...(field.maximum !== undefined ? { maximum: field.maximum } : {}),
      },
    })),
    // An empty CSV cell is a missing value (the JSON file has null there).
    missingValues: [""],
    primaryKey: typeof table.primaryKey === "string" ? table.primaryKey : [...table.primaryKey],
    ...(table.foreignKeys ? { foreignKeys: table.foreignKeys.map((key) => ({ ...key })) } : {}),
  };
}

/** Where the Data Package that lists every file of /donnees/ is published. */
export const DATA_PACKAGE_PATH = "/donnees/datapackage.json";

/** One file of the Data Package. */
export interface DataPackageResource {
  name: string;
  title: string;
  description: string;
  /** "tabular-data-resource" for a CSV file; a JSON file of objects is a plain data resource in Data Package v1. */
  profile: "tabular-data-resource" | "data-resource";
  /** Relative to the package: the files sit beside datapackage.json. */
  path: string;
  format: "csv" | "json";
  mediatype: "text/csv" | "application/json";
  encoding: "utf-8";
  /** CSV Dialect 1.2 (it has no property for a byte order mark: the description says it). */
  dialect?: {
    csvddfVersion: 1.2;
    delimiter: ",";
    lineTerminator: "\r\n";
    quoteChar: '"';
    doubleQuote: true;
    header: true;
  };
  /** The table's Table Schema, beside the package. */
  schema: string;
}

/** A Data Package descriptor (Frictionless Data Package v1). */
export interface DataPackage {
  profile: "data-package";
  name: string;
  title: string;
  description: string;
  homepage: string;
  version: string;
  created: string;
  licenses: { name: string; title: string; path: string }[];
  resources: DataPackageResource[];
}

/** The part of a path after /donnees/, as the package names its files. */
const inFolder = (path: string) => path.slice("/donnees/".length);

/**
 * The Data Package of /donnees/: both tables, each as a CSV and a JSON file
 * sharing one Table Schema, under the Licence Ouverte. `created` is when the
 * rows were read.
 */
export function dataPackage(
  tables: readonly Pick<TableDefinition<unknown>, "name" | "title" | "description">[],
  site: URL | string,
  created: Date,
): DataPackage {
  return {
    profile: "data-package",
    name: `${consultation.id}-donnees-ouvertes`,
    title: `Données ouvertes de la consultation « ${consultation.name} »`,
    description:
      "Les contributions publiées, l'annuaire des lieux et initiatives, les réponses aux questions fermées de la consultation et les contributions que citent les synthèses, chacun en CSV et en JSON, avec son schéma Table Schema. Ces fichiers ne contiennent que ce que le site publie, jamais de donnée personnelle ni de donnée de modération.",
    homepage: new URL("/donnees/", site).href,
    version: OPEN_DATA_VERSION,
    created: isoInstant(created),
    licenses: [{ ...openLicence }],
    resources: tables.flatMap((table) => {
      const paths = tablePaths(table);
      const schema = inFolder(paths.schema);
      return [
        {
          name: `${table.name}-csv`,
          title: `${table.title} (CSV)`,
          description: `${table.description} Fichier CSV (RFC 4180) : séparateur virgule, fins de ligne CRLF, une ligne d'en-tête. Encodé en UTF-8 et précédé d'un indicateur d'ordre des octets (BOM, les octets EF BB BF), pour que les tableurs lisent bien les accents : un programme doit l'ignorer pour lire le nom de la première colonne, id (en Python, encoding="utf-8-sig"). Une cellule de texte qui commencerait par =, +, -, @, une tabulation ou un retour chariot est précédée d'une apostrophe, pour qu'un tableur ne l'exécute jamais comme une formule.`,
          profile: "tabular-data-resource",
          path: inFolder(paths.csv),
          format: "csv",
          mediatype: "text/csv",
          encoding: "utf-8",
          dialect: {
            csvddfVersion: 1.2,
            delimiter: ",",
            lineTerminator: "\r\n",
            quoteChar: '"',
            doubleQuote: true,
            header: true,
          },
          schema,
        },
        {
          name: `${table.name}-json`,
          title: `${table.title} (JSON)`,
          description: `${table.description} Fichier JSON en UTF-8, sans BOM : un tableau d'objets, un par ligne du CSV, dont les clés sont les colonnes du schéma, dans le même ordre ; une valeur absente vaut null, et les textes sont donnés sans apostrophe de protection.`,
          profile: "data-resource",
          path: inFolder(paths.json),
          format: "json",
          mediatype: "application/json",
          encoding: "utf-8",
          schema,
        },
      ];
    }),
  };
}

const typeLabels: Record<FieldType, string> = {
  string: "texte",
  integer: "nombre entier",
  number: "nombre",
  boolean: "booléen (true ou false)",
  date: "date (AAAA-MM-JJ)",
  datetime: "date et heure UTC (ISO 8601)",
};

/** How the data dictionary names a column's type, in French. */
export function fieldTypeLabel(field: { type: FieldType; format?: string | undefined }): string {
  if (field.format === "uuid") return "texte (UUID)";
  if (field.format === "uri") return "texte (adresse web)";
  return typeLabels[field.type];
}
