/**
 * The open data tables (src/domain/open-data.ts) and the rows the server
 * builds from a public snapshot (src/server/open-data.ts): the schema files
 * list every column of the CSV and JSON files, in their order; enums are the
 * domain's own codes; dates are UTC (Table Schema v1's default datetime);
 * the Data Package lists every file; the reference library tableschema-js
 * reads the CSV without a refusal; only what the site shows is exported,
 * and nothing personal.
 */
import { describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { initiativeKinds, profiles, stances } from "../../src/domain/contribution.schema";
import { UTF8_BOM } from "../../src/domain/csv";
import {
  type ContributionSource,
  columnNames,
  contributionsTable,
  contributionTypes,
  DATA_PACKAGE_PATH,
  dataPackage,
  fieldTypeLabel,
  type InitiativeSource,
  initiativesTable,
  isoInstant,
  openLicence,
  type TableDefinition,
  tableCsv,
  tableJson,
  tablePaths,
  tableRecords,
  tableSchema,
} from "../../src/domain/open-data";
import { territoryTypes } from "../../src/domain/territory";
import { openDataSources } from "../../src/server/open-data";
import { toPublished } from "../../src/server/published";
import type { PublicSnapshot } from "../../src/server/store/store";
import { parseCsv } from "../build/rfc4180";
import { validateTable } from "../build/table-schema";
import { readWithTableschema } from "../build/tableschema-reader";

const site = "https://consultation.example.org";
const theme = themes[0]!;
const question = theme.questions[0]!;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

type ContributionRow = PublicSnapshot["contributions"][number];
type InitiativeRow = PublicSnapshot["initiatives"][number];

function contributionRow(n: number, overrides: Partial<ContributionRow> = {}): ContributionRow {
  return {
    id: uuid(n),
    parent_id: null,
    theme_id: theme.id,
    question_id: question.id,
    stance: null,
    body: `Texte ${n}`,
    pseudonym: `Auteur ${n}`,
    profile: "habitant",
    commune_name: "Guéret",
    departement_name: "Creuse",
    region_code: "75",
    region_name: "Nouvelle-Aquitaine",
    territory_type: "small-town",
    retained: false,
    created_at: "2018-04-20T08:00:00+00:00",
    published_at: `2018-04-2${n % 10}T10:00:00+00:00`,
    support: 0,
    disagree: 0,
    ...overrides,
  };
}

function initiativeRow(n: number, overrides: Partial<InitiativeRow> = {}): InitiativeRow {
  return {
    id: uuid(100 + n),
    name: `Lieu ${n}`,
    kind: "fablab",
    description: "Un atelier ouvert aux habitants du bourg.",
    url: "https://atelier.example.org",
    opening_year: 2016,
    pseudonym: "Sam",
    commune_name: "Guéret",
    departement_code: "23",
    departement_name: "Creuse",
    region_code: "75",
    region_name: "Nouvelle-Aquitaine",
    territory_type: "small-town",
    published_at: "2018-05-01T10:00:00+00:00",
    ...overrides,
  };
}

function contributionSource(overrides: Partial<ContributionSource> = {}): ContributionSource {
  return {
    id: uuid(1),
    url: `${site}/contributions/${uuid(1)}/`,
    parentId: null,
    themeId: theme.id,
    questionId: question.id,
    stance: null,
    body: "Un texte, avec une virgule et des « guillemets ».",
    pseudonym: "Nomade",
    profile: "usager",
    communeName: "Mortagne-au-Perche",
    departementName: "Orne",
    regionCode: "28",
    regionName: "Normandie",
    territoryType: "small-town",
    retained: true,
    support: 4,
    disagree: 0,
    createdAt: new Date("2018-04-12T16:40:00Z"),
    publishedAt: new Date("2018-04-13T07:53:00Z"),
    ...overrides,
  };
}

function initiativeSource(overrides: Partial<InitiativeSource> = {}): InitiativeSource {
  return {
    id: uuid(101),
    url: `${site}/initiatives/${uuid(101)}/`,
    name: "Tiers-lieu de l'ancienne école",
    kind: "tiers-lieu",
    description: "Une ancienne école rénovée avec les habitants.",
    website: null,
    openingYear: null,
    communeName: "Guéret",
    departementCode: "23",
    departementName: "Creuse",
    regionCode: "75",
    regionName: "Nouvelle-Aquitaine",
    territoryType: "small-town",
    publishedAt: new Date("2018-05-01T10:00:00Z"),
    ...overrides,
  };
}

const tables = [
  ["contributions", contributionsTable, [contributionSource()]],
  ["initiatives", initiativesTable, [initiativeSource()]],
] as const;

/** Column names that would mean personal or internal data left the database. */
const FORBIDDEN = /email|mail|token|hash|ip_|_ip|idempotency|moderation|reason|postal|consent|flag|author_|voter/;

describe.each(tables)("the %s table", (_name, table, sources) => {
  const definition = table as TableDefinition<(typeof sources)[number]>;
  const schema = tableSchema(definition, site);

  it("is described by its schema, column for column, in the order of the files", () => {
    const header = tableCsv(definition, sources).slice(UTF8_BOM.length).split("\r\n")[0]?.split(",");
    const jsonKeys = Object.keys(JSON.parse(tableJson(definition, sources))[0]);
    expect(schema.fields.map((field) => field.name)).toEqual(columnNames(definition));
    expect(header).toEqual(columnNames(definition));
    expect(jsonKeys).toEqual(columnNames(definition));
    expect(Object.keys(tableRecords(definition, sources)[0] ?? {})).toEqual(columnNames(definition));
  });

  it("names columns in snake_case, once each, with a French title and description", () => {
    const names = columnNames(definition);
    expect(new Set(names).size).toBe(names.length);
    for (const field of schema.fields) {
      expect(field.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(field.title.length, field.name).toBeGreaterThan(2);
      expect(field.description.length, field.name).toBeGreaterThan(15);
      expect(["string", "integer", "number", "boolean", "date", "datetime"]).toContain(field.type);
      expect(fieldTypeLabel(field)).not.toBe("");
    }
  });

  it("publishes nothing personal or internal", () => {
    expect(columnNames(definition).filter((name) => FORBIDDEN.test(name))).toEqual([]);
  });

  it("carries the Table Schema metadata: missing values, primary key, licence, its own address", () => {
    expect(schema.missingValues).toEqual([""]);
    expect(schema.primaryKey).toBe("id");
    expect(schema.fields.find((field) => field.name === "id")?.constraints).toMatchObject({
      required: true,
      unique: true,
    });
    expect(schema.licenses).toEqual([openLicence]);
    expect(openLicence.path).toBe("https://www.etalab.gouv.fr/licence-ouverte-open-licence/");
    const paths = tablePaths(definition);
    expect(schema.path).toBe(`${site}${paths.schema}`);
    expect(schema.resources.map((resource) => resource.path)).toEqual([`${site}${paths.csv}`, `${site}${paths.json}`]);
    expect(schema.homepage).toBe(`${site}/donnees/`);
  });

  it("validates its own sample rows, in JSON and in CSV", () => {
    expect(validateTable(schema, JSON.parse(tableJson(definition, sources)), false)).toEqual([]);
    const [header = [], ...records] = parseCsv(tableCsv(definition, sources).slice(UTF8_BOM.length));
    const rows = records.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]])));
    expect(validateTable(schema, rows, true)).toEqual([]);
  });

  it("is read by tableschema-js, schema in strict mode, every CSV row cast without a refusal", async () => {
    const report = await readWithTableschema(tableCsv(definition, sources), schema);
    expect(report).toEqual({ headers: columnNames(definition), rows: sources.length, errors: [] });
  });
});

describe("enums", () => {
  const enumOf = (table: TableDefinition<never>, name: string) =>
    tableSchema(table, site).fields.find((field) => field.name === name)?.constraints.enum;

  it("are the domain's codes, with the labels the site shows", () => {
    expect(enumOf(contributionsTable, "profile")).toEqual(Object.keys(profiles));
    expect(enumOf(contributionsTable, "stance")).toEqual(Object.keys(stances));
    expect(enumOf(contributionsTable, "territory_type")).toEqual(Object.keys(territoryTypes));
    expect(enumOf(initiativesTable, "territory_type")).toEqual(Object.keys(territoryTypes));
    expect(enumOf(initiativesTable, "kind")).toEqual(Object.keys(initiativeKinds));
    expect(enumOf(contributionsTable, "contribution_type")).toEqual(Object.keys(contributionTypes));
    expect(enumOf(contributionsTable, "theme_id")).toEqual(themes.map((candidate) => candidate.id));
    expect(enumOf(contributionsTable, "question_id")).toEqual(
      themes.flatMap((candidate) => candidate.questions.map((entry) => entry.id)),
    );
    const field = (name: string) => contributionsTable.fields.find((entry) => entry.name === name);
    expect(field("profile")?.values).toBe(profiles);
    expect(field("stance")?.values).toBe(stances);
    expect(field("territory_type")?.values).toBe(territoryTypes);
    expect(initiativesTable.fields.find((entry) => entry.name === "kind")?.values).toBe(initiativeKinds);
  });
});

describe("values", () => {
  it("give dates in UTC, YYYY-MM-DDThh:mm:ssZ to the second, whatever the season", () => {
    expect(isoInstant(new Date("2018-04-13T07:53:00Z"))).toBe("2018-04-13T07:53:00Z");
    expect(isoInstant(new Date("2018-01-15T12:00:00Z"))).toBe("2018-01-15T12:00:00Z");
    // Either side of the change to summer time in Paris (25 March 2018, 01:00 UTC): no jump.
    expect(isoInstant(new Date("2018-03-25T00:59:59Z"))).toBe("2018-03-25T00:59:59Z");
    expect(isoInstant(new Date("2018-03-25T01:00:00Z"))).toBe("2018-03-25T01:00:00Z");
    // The database keeps microseconds: the file truncates to the second, never rounds up into the next one.
    expect(isoInstant(new Date("2018-06-15T21:59:59.999Z"))).toBe("2018-06-15T21:59:59Z");
    expect(() => isoInstant(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("tell an answer from a reply, and leave what is missing empty (null in JSON, nothing in CSV)", () => {
    const answer = contributionSource();
    const reply = contributionSource({ id: uuid(2), parentId: uuid(1), stance: "against", retained: false });
    const [first, second] = tableRecords(contributionsTable, [answer, reply]);
    expect(first).toMatchObject({ contribution_type: "answer", parent_id: null, stance: null, retained: true });
    expect(second).toMatchObject({ contribution_type: "reply", parent_id: uuid(1), stance: "against" });
    expect(first?.published_at).toBe("2018-04-13T07:53:00Z");
    expect(first?.support_count).toBe(4);
    const line = tableCsv(contributionsTable, [answer]).split("\r\n")[1] ?? "";
    expect(line.startsWith(`${uuid(1)},${site}/contributions/${uuid(1)}/,answer,,`)).toBe(true);
    expect(line).toContain(",true,4,0,2018-04-12T16:40:00Z,2018-04-13T07:53:00Z");
  });

  it("keep numbers as numbers and neutralise formula-like text in the CSV only", () => {
    const hostile = contributionSource({ body: '=HYPERLINK("http://example.org")', pseudonym: "-Moins" });
    const line = tableCsv(contributionsTable, [hostile]).split("\r\n")[1] ?? "";
    expect(line).toContain(`"'=HYPERLINK(""http://example.org"")",'-Moins,`);
    expect(JSON.parse(tableJson(contributionsTable, [hostile]))[0]).toMatchObject({
      body: hostile.body,
      pseudonym: "-Moins",
      support_count: 4,
    });
  });

  it("write an empty JSON array, and a CSV with its header only, when nothing is published", () => {
    expect(JSON.parse(tableJson(initiativesTable, []))).toEqual([]);
    expect(tableCsv(initiativesTable, [])).toBe(`${UTF8_BOM}${columnNames(initiativesTable).join(",")}\r\n`);
  });
});

describe("openDataSources", () => {
  const snapshot: PublicSnapshot = {
    contributions: [
      contributionRow(1),
      contributionRow(2, { retained: true, support: 3, disagree: 1 }),
      // A reply, and a reply to that reply: both in the thread of answer 1.
      contributionRow(3, { parent_id: uuid(1), stance: "for" }),
      contributionRow(4, { parent_id: uuid(3), stance: "question" }),
      // An answer to a question the content no longer has: no page, so not exported.
      contributionRow(5, { question_id: "question-retiree" }),
      // A reply whose answer is not published (sent back to moderation): not shown, not exported.
      contributionRow(6, { parent_id: uuid(99), stance: "against" }),
    ],
    initiatives: [
      initiativeRow(1),
      initiativeRow(2, { url: "javascript:alert(1)", kind: "inconnu", opening_year: null }),
    ],
    syntheses: [],
  };
  const sources = openDataSources({ published: toPublished(snapshot), snapshot }, site);

  it("export exactly what the site shows, in publication order", () => {
    expect(sources.contributions.map((row) => row.id)).toEqual([uuid(1), uuid(2), uuid(3), uuid(4)]);
    expect(sources.initiatives.map((row) => row.id).sort()).toEqual([uuid(101), uuid(102)]);
  });

  it("link answers to their permalink and replies to their anchor in their thread", () => {
    const byId = new Map(sources.contributions.map((row) => [row.id, row]));
    expect(byId.get(uuid(1))?.url).toBe(`${site}/contributions/${uuid(1)}/`);
    expect(byId.get(uuid(4))?.url).toBe(`${site}/contributions/${uuid(1)}/#reponse-${uuid(4)}`);
    expect(byId.get(uuid(4))?.parentId).toBe(uuid(3));
    expect(byId.get(uuid(2))).toMatchObject({ retained: true, support: 3, disagree: 1 });
  });

  it("keep an initiative's website only when the directory would link it, and an unknown kind as « autre »", () => {
    const byId = new Map(sources.initiatives.map((row) => [row.id, row]));
    expect(byId.get(uuid(101))).toMatchObject({ website: "https://atelier.example.org/", kind: "fablab" });
    expect(byId.get(uuid(102))).toMatchObject({ website: null, kind: "autre", openingYear: null });
    expect(byId.get(uuid(101))?.url).toBe(`${site}/initiatives/${uuid(101)}/`);
  });

  it("make rows that validate against the schemas", () => {
    const contributions = JSON.parse(tableJson(contributionsTable, sources.contributions));
    const initiatives = JSON.parse(tableJson(initiativesTable, sources.initiatives));
    expect(validateTable(tableSchema(contributionsTable, site), contributions, false)).toEqual([]);
    expect(validateTable(tableSchema(initiativesTable, site), initiatives, false)).toEqual([]);
  });
});

describe("the test's Table Schema validator", () => {
  const schema = tableSchema(initiativesTable, site);
  const good = () => JSON.parse(tableJson(initiativesTable, [initiativeSource()]))[0] as Record<string, unknown>;

  it("refuses a wrong type, a value outside its enum, a pattern mismatch, a missing required value, an extra column", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good(), opening_year: "2016" }, /opening_year: expected an integer/],
      [{ ...good(), opening_year: 1900 }, /opening_year: 1900 is below 1990/],
      [{ ...good(), kind: "cafe" }, /kind: "cafe" is not one of/],
      [{ ...good(), departement_code: "2C" }, /departement_code: "2C" does not match/],
      // Not a département: 20 (Corsica is 2A and 2B), 96, 979; and no prefix or suffix of a code slips through.
      [{ ...good(), departement_code: "20" }, /departement_code: "20" does not match/],
      [{ ...good(), departement_code: "979" }, /departement_code: "979" does not match/],
      [{ ...good(), departement_code: "232A" }, /departement_code: "232A" does not match/],
      [{ ...good(), departement_code: "x2B" }, /departement_code: "x2B" does not match/],
      [{ ...good(), published_at: "2018-04-13T10:12:00+02:00" }, /published_at: expected a UTC date-time/],
      [{ ...good(), name: null }, /name: required but missing/],
      [{ ...good(), published_at: "13/04/2018" }, /published_at: expected a UTC date-time/],
      [{ ...good(), id: "pas-un-uuid" }, /id: "pas-un-uuid" is not a UUID/],
      [{ ...good(), email: "a@example.org" }, /columns \[.*email\] are not the schema's/],
    ];
    for (const [row, problem] of cases) expect(validateTable(schema, [row], false).join("\n")).toMatch(problem);
    for (const code of ["01", "19", "21", "2A", "2B", "95", "971", "976", "978", "988"]) {
      expect(validateTable(schema, [{ ...good(), departement_code: code }], false), code).toEqual([]);
    }
    expect(validateTable(schema, [good(), good()], false).join("\n")).toMatch(/id: .* is not unique/);
    expect(validateTable(schema, [good()], false)).toEqual([]);
  });
});

describe("the Data Package", () => {
  const descriptor = dataPackage([contributionsTable, initiativesTable], site, new Date("2018-06-16T06:00:00.250Z"));

  it("lists each table as a CSV and a JSON file beside it, with its schema", () => {
    const folder = DATA_PACKAGE_PATH.slice(0, DATA_PACKAGE_PATH.lastIndexOf("/") + 1);
    expect(folder).toBe("/donnees/");
    expect(descriptor.resources.map((resource) => [resource.name, resource.path, resource.schema])).toEqual(
      [contributionsTable, initiativesTable].flatMap((table) => {
        const paths = tablePaths(table);
        const schema = paths.schema.slice(folder.length);
        return [
          [`${table.name}-csv`, paths.csv.slice(folder.length), schema],
          [`${table.name}-json`, paths.json.slice(folder.length), schema],
        ];
      }),
    );
    expect(descriptor).toMatchObject({
      profile: "data-package",
      homepage: `${site}/donnees/`,
      created: "2018-06-16T06:00:00Z",
      licenses: [openLicence],
    });
    expect(descriptor.version).toBe(tableSchema(contributionsTable, site).version);
  });

  it("gives every file UTF-8, its format and media type, and says which one starts with a BOM", () => {
    for (const resource of descriptor.resources) {
      expect(resource.encoding).toBe("utf-8");
      expect(resource.path.endsWith(`.${resource.format}`)).toBe(true);
      if (resource.format === "csv") {
        expect(resource).toMatchObject({ mediatype: "text/csv", profile: "tabular-data-resource" });
        expect(resource.dialect).toMatchObject({ delimiter: ",", lineTerminator: "\r\n", header: true });
        expect(resource.description).toContain("précédé d'un indicateur d'ordre des octets (BOM");
      } else {
        expect(resource).toMatchObject({ mediatype: "application/json", profile: "data-resource" });
        expect(resource.dialect).toBeUndefined();
        expect(resource.description).toContain("sans BOM");
      }
    }
    // What the descriptions say is what the writers do.
    expect(tableCsv(initiativesTable, []).startsWith(UTF8_BOM)).toBe(true);
    expect(tableJson(initiativesTable, []).startsWith(UTF8_BOM)).toBe(false);
  });
});
