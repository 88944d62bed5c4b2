/**
 * The open data, the feeds and the search index of a built site
 * (`BUILD_DIR`, default dist/), against the database the build read (the
 * same environment, opened after the build): the CSV and JSON files hold
 * exactly the published rows, never a pending or rejected one, nothing
 * personal, no column outside their Table Schema, and every row validates
 * against it, as the reference library tableschema-js reads it too; the
 * Data Package lists every file with a schema that loads; the feeds list
 * published permalinks only; the search index holds the searchable pages
 * and no unpublished text.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { UTF8_BOM } from "../../src/domain/csv";
import { parseEnv } from "../../src/server/env";
import { toPublished } from "../../src/server/published";
import { openStore } from "../../src/server/store/open-store";
import type { QueueItem, Store, SubjectType } from "../../src/server/store/store";
import { parseCsv } from "./rfc4180";
import { type TableSchemaLike, validateTable } from "./table-schema";
import { loadSchemaStrictly, readWithTableschema } from "./tableschema-reader";

const root = resolve(import.meta.dirname, "../..");
const dist = resolve(root, process.env.BUILD_DIR ?? "dist");
if (!existsSync(join(dist, "index.html"))) {
  throw new Error(
    `${dist} has no built site: \`npm test\` builds dist/ first; to run this file alone, \`npm run build\` (or set BUILD_DIR to a built folder).`,
  );
}

/**
 * The database the build read. The embedded one is opened from a copy: its
 * folder belongs to one process at a time, and the other build tests
 * (site.test.ts) may hold it right now in another worker. Nothing writes
 * to it while the tests run, so the copy is the state the build read.
 */
async function openBuildStore(): Promise<{ store: Store; cleanUp: () => Promise<void> }> {
  const env = parseEnv();
  if (env.store.driver !== "pglite") {
    const { store } = await openStore(env);
    return { store, cleanUp: () => store.close() };
  }
  const scratch = await mkdtemp(join(tmpdir(), "open-data-test-"));
  const copy = join(scratch, "pglite");
  await cp(resolve(env.store.dataDir), copy, { recursive: true });
  const { store } = await openStore({ ...env, store: { driver: "pglite", dataDir: copy, seedDemonstration: false } });
  return {
    store,
    cleanUp: async () => {
      await store.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** Every moderation queue item of one status, page after page. */
async function queue(store: Store, subjectType: SubjectType, status: "pending" | "rejected"): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (;;) {
    const last = items.at(-1);
    const page = await store.moderationQueue({
      subjectType,
      status,
      limit: 200,
      after: last && { createdAt: last.created_at, id: last.id },
    });
    items.push(...page);
    if (page.length < 200) return items;
  }
}

const { store, cleanUp } = await openBuildStore();
afterAll(cleanUp);
const snapshot = await store.publicSnapshot();
const choiceRows = await store.publicChoiceAnswers();
const published = toPublished(snapshot);
const hidden = [
  ...(await queue(store, "contribution", "pending")),
  ...(await queue(store, "contribution", "rejected")),
  ...(await queue(store, "initiative", "pending")),
  ...(await queue(store, "initiative", "rejected")),
];

/** What the site shows, hence what the files must hold: answers with a page, replies in their thread. */
const expectedContributions = snapshot.contributions.filter(
  (row) => published.answersById.has(row.id) || published.replies.some((reply) => reply.id === row.id),
);
const expectedInitiatives = snapshot.initiatives;
const hiddenIds = new Set(hidden.map((item) => item.id));

const read = (path: string) => readFileSync(join(dist, path), "utf8");
const readJson = <T>(path: string) => JSON.parse(read(path)) as T;

/** dist-relative file for a URL path: /a/ → a/index.html. */
function fileFor(pathname: string): string {
  const decoded = decodeURIComponent(pathname);
  return join(dist, decoded.endsWith("/") ? `${decoded}index.html` : decoded);
}

const documents = new Map<string, HTMLElement>();
function page(pathname: string): HTMLElement {
  let document = documents.get(pathname);
  if (!document) {
    document = parse(readFileSync(fileFor(pathname), "utf8"));
    documents.set(pathname, document);
  }
  return document;
}

type Row = Record<string, unknown>;

/** The CSV text a JSON value must have: empty when missing, apostrophe before a formula-like text. */
function csvText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return String(value);
}

const tables = [
  { name: "contributions", expected: expectedContributions },
  { name: "initiatives", expected: expectedInitiatives },
] as const;

/**
 * The text tableschema-js is given for a CSV file. The library checks the
 * format "uri" with validator.js's isURL, which wants a top-level domain: it
 * refuses http://localhost:4321/…, the address of a local build, although
 * RFC 3986 (and Table Schema) accept it. On such a build, and only then,
 * that origin is replaced with one that has a domain; every other check is
 * unchanged, and the addresses themselves are checked against the built
 * pages below.
 */
function csvForTableschema(csv: string, homepage: string): string {
  const origin = new URL(homepage).origin;
  return new URL(origin).hostname.includes(".") ? csv : csv.replaceAll(`${origin}/`, "https://consultation.example/");
}

/** A built CSV file read against its built schema file by tableschema-js (see tableschema-reader.ts). */
function readBuiltCsv(name: string) {
  const descriptor = readJson<{ homepage: string }>(`donnees/schema-${name}.json`);
  const csv = csvForTableschema(read(`donnees/${name}.csv`), descriptor.homepage);
  return readWithTableschema(csv, join(dist, `donnees/schema-${name}.json`));
}

describe.each(tables)("/donnees/ $name", ({ name, expected }) => {
  const schema = readJson<TableSchemaLike & { fields: { name: string }[]; licenses: { path: string }[] }>(
    `donnees/schema-${name}.json`,
  );
  const json = readJson<Row[]>(`donnees/${name}.json`);
  const csv = read(`donnees/${name}.csv`);
  const [header = [], ...records] = parseCsv(csv.slice(UTF8_BOM.length));
  const csvRows = records.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index]])));
  const columns = schema.fields.map((field) => field.name);

  it("hold exactly the published rows, in JSON and in CSV (count and ids)", () => {
    // Sanity: the database has published rows, or this would prove nothing.
    expect(expected.length).toBeGreaterThan(0);
    const ids = expected.map((row) => row.id);
    expect(json.map((row) => row.id)).toEqual(ids);
    expect(csvRows.map((row) => row.id)).toEqual(ids);
  });

  it("never hold a pending or rejected row, nor its text", () => {
    expect(hidden.length).toBeGreaterThan(0);
    expect(json.filter((row) => hiddenIds.has(String(row.id)))).toEqual([]);
    expect(csvRows.filter((row) => hiddenIds.has(String(row.id)))).toEqual([]);
    const texts = hidden.flatMap((item) =>
      item.subject_type === "contribution" ? [item.body] : [item.name, item.description],
    );
    const files = [csv, JSON.stringify(json)].join("\n");
    expect(texts.filter((text) => text.length >= 12 && files.includes(text.slice(0, 60)))).toEqual([]);
  });

  it("hold no column outside the schema, in its order, and nothing personal or internal", () => {
    expect(header).toEqual(columns);
    for (const row of json) expect(Object.keys(row)).toEqual(columns);
    const files = `${csv}\n${read(`donnees/${name}.json`)}`;
    // The seed's conventions (supabase/seed.sql): author and voter hashes are « seed-author-… »,
    // « seed-voter-… », idempotency keys share the ids' numbers under 00000000-0000-4000-9000-.
    expect(files).not.toMatch(/seed-author-|seed-voter-|00000000-0000-4000-9000-|@[a-z0-9-]+\.[a-z]{2,}/i);
    const reasons = hidden.map((item) => item.moderation_reason ?? "").filter((reason) => reason.length >= 8);
    expect(reasons.filter((reason) => files.includes(reason))).toEqual([]);
    expect(columns.filter((column) => /email|hash|token|idempotency|moderation|reason|postal/.test(column))).toEqual(
      [],
    );
  });

  it("validate against their Table Schema, row by row (JSON values and CSV cells)", () => {
    expect(schema.missingValues).toEqual([""]);
    expect(schema.primaryKey).toBe("id");
    expect(schema.licenses[0]?.path).toBe("https://www.etalab.gouv.fr/licence-ouverte-open-licence/");
    expect(validateTable(schema, json, false)).toEqual([]);
    expect(validateTable(schema, csvRows, true)).toEqual([]);
  });

  it("pass the reference validator, tableschema-js: every CSV row read and cast, none refused", async () => {
    const { headers, rows, errors } = await readBuiltCsv(name);
    expect(headers).toEqual(columns);
    expect(errors).toEqual([]);
    expect(rows).toBe(expected.length);
  });

  it("say the same thing in CSV and in JSON", () => {
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    json.forEach((row, index) => {
      for (const column of columns) expect(csvRows[index]?.[column], `${row.id} ${column}`).toBe(csvText(row[column]));
    });
  });

  it("give the database's values, and addresses that resolve on the built site", () => {
    const byId = new Map<string, Row>(json.map((row) => [String(row.id), row]));
    for (const source of expected) {
      const row = byId.get(source.id);
      expect(row, source.id).toBeDefined();
      // The export writes whole seconds; the database keeps microseconds.
      expect(Date.parse(String(row?.published_at))).toBe(wholeSeconds(Date.parse(source.published_at)));
      // UTC, as Table Schema v1's default datetime format has it.
      expect(String(row?.published_at)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const url = new URL(String(row?.url));
      expect(existsSync(fileFor(url.pathname)), String(row?.url)).toBe(true);
      if (url.hash) expect(page(url.pathname).getElementById(url.hash.slice(1)), String(row?.url)).not.toBeNull();
    }
  });
});

describe("/donnees/ choices: the answers to the closed questions", () => {
  const schema = readJson<TableSchemaLike & { fields: { name: string }[] }>("donnees/schema-choices.json");
  const json = readJson<Row[]>("donnees/choices.json");
  const csv = read("donnees/choices.csv");
  const [header = [], ...records] = parseCsv(csv.slice(UTF8_BOM.length));
  const csvRows = records.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index]])));
  const columns = schema.fields.map((field) => field.name);
  const closedQuestions = new Set(
    themes.flatMap((theme) =>
      theme.questions.filter((question) => question.type !== "open").map((question) => question.id),
    ),
  );
  const answers = choiceRows.filter((row) => closedQuestions.has(row.question_id));

  it("hold every answer the database counts, without moderation, in JSON and in CSV", () => {
    expect(answers.length).toBeGreaterThan(0);
    expect(json.map((row) => row.id)).toEqual(answers.map((row) => row.id));
    expect(csvRows.map((row) => row.id)).toEqual(answers.map((row) => row.id));
    const byId = new Map(answers.map((row) => [row.id, row]));
    for (const row of json) {
      const source = byId.get(String(row.id));
      expect(row.option_ids, String(row.id)).toBe(source?.option_ids.length ? source.option_ids.join(" ") : null);
      expect(row.scale_value, String(row.id)).toBe(source?.scale_value);
      expect(row.territory_type, String(row.id)).toBe(source?.territory_type);
    }
  });

  it("hold no column outside the schema, and nothing personal: no pseudonym, commune, postal code or « autre » text", () => {
    expect(header).toEqual(columns);
    for (const row of json) expect(Object.keys(row)).toEqual(columns);
    expect(columns.filter((column) => /pseudonym|commune|postal|email|hash|other|text/.test(column))).toEqual([]);
    const files = `${csv}\n${read("donnees/choices.json")}`;
    expect(files).not.toMatch(/seed-author-|00000000-0000-4000-9000-/);
    const pseudonyms = snapshot.contributions.map((row) => row.pseudonym).filter((name) => name.length >= 6);
    expect(pseudonyms.filter((name) => files.includes(name))).toEqual([]);
  });

  it("validate against their Table Schema (JSON values and CSV cells), and pass tableschema-js", async () => {
    expect(schema.primaryKey).toBe("id");
    expect(validateTable(schema, json, false)).toEqual([]);
    expect(validateTable(schema, csvRows, true)).toEqual([]);
    const { headers, rows, errors } = await readBuiltCsv("choices");
    expect(headers).toEqual(columns);
    expect(errors).toEqual([]);
    expect(rows).toBe(answers.length);
  });

  it("say the same thing in CSV and in JSON, and are linked from /donnees/ with their row count", () => {
    json.forEach((row, index) => {
      for (const column of columns) expect(csvRows[index]?.[column], `${row.id} ${column}`).toBe(csvText(row[column]));
    });
    for (const file of ["choices.csv", "choices.json", "schema-choices.json"]) {
      const link = page("/donnees/").querySelector(`main a[href="/donnees/${file}"]`);
      expect(link, file).not.toBeNull();
      if (!file.startsWith("schema-"))
        expect(normalise(link?.parentNode?.text ?? ""), file).toContain(`${answers.length} ligne`);
    }
  });
});

describe("/donnees/ citations: the contributions the syntheses cite", () => {
  const schema = readJson<TableSchemaLike & { fields: { name: string }[] }>("donnees/schema-citations.json");
  const json = readJson<Row[]>("donnees/citations.json");
  const csv = read("donnees/citations.csv");
  const [header = [], ...records] = parseCsv(csv.slice(UTF8_BOM.length));
  const csvRows = records.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index]])));
  const columns = schema.fields.map((field) => field.name);
  /** What the build's syntheses cite, read from the same snapshot (tests/build/citations.test.ts builds a site that cites). */
  const expected = published.citations;

  it("hold one row per theme and cited contribution, each a published one with its address", () => {
    expect(json.map((row) => [row.theme_id, row.contribution_id])).toEqual(
      expected.map((citation) => [citation.themeId, citation.contributionId]),
    );
    const shown = new Set(expectedContributions.map((row) => row.id));
    expect(json.filter((row) => !shown.has(String(row.contribution_id)))).toEqual([]);
    for (const row of json) {
      const url = new URL(String(row.url));
      expect(existsSync(fileFor(url.pathname)), String(row.url)).toBe(true);
    }
  });

  it("validate against their Table Schema (composite key theme_id, contribution_id), and pass tableschema-js", async () => {
    expect(header).toEqual(columns);
    expect(schema.primaryKey).toEqual(["theme_id", "contribution_id"]);
    expect(validateTable(schema, json, false)).toEqual([]);
    expect(validateTable(schema, csvRows, true)).toEqual([]);
    const { headers, rows, errors } = await readBuiltCsv("citations");
    expect(headers).toEqual(columns);
    expect(errors).toEqual([]);
    expect(rows).toBe(expected.length);
    json.forEach((row, index) => {
      for (const column of columns) expect(csvRows[index]?.[column], `${index} ${column}`).toBe(csvText(row[column]));
    });
  });
});

describe("/donnees/datapackage.json", () => {
  interface Resource {
    name: string;
    path: string;
    schema: string;
    profile: string;
    format: string;
    mediatype: string;
    encoding: string;
    description: string;
    dialect?: Record<string, unknown>;
  }
  const descriptor = readJson<{
    profile: string;
    name: string;
    version: string;
    licenses: { path: string }[];
    resources: Resource[];
  }>("donnees/datapackage.json");
  const folder = join(dist, "donnees");

  it("lists every data file of /donnees/, once, beside it", () => {
    const data = readdirSync(folder)
      .filter((file) => /\.(csv|json)$/.test(file) && !file.startsWith("schema-") && file !== "datapackage.json")
      .sort();
    expect(data).toEqual(
      [...tables.map(({ name }) => name), "choices", "citations", "responses"]
        .flatMap((name) => [`${name}.csv`, `${name}.json`])
        .sort(),
    );
    expect(descriptor.resources.map((resource) => resource.path).sort()).toEqual(data);
    const names = descriptor.resources.map((resource) => resource.name);
    expect(new Set(names).size).toBe(names.length);
    // Data Package v1: lowercase names; a path relative to the package, never up or absolute.
    expect(descriptor.name).toMatch(/^[-a-z0-9._/]+$/);
    for (const resource of descriptor.resources) {
      expect(resource.name).toMatch(/^[-a-z0-9._/]+$/);
      expect(resource.path).not.toMatch(/^\/|\.\./);
    }
    expect(descriptor.profile).toBe("data-package");
    expect(descriptor.licenses[0]?.path).toBe("https://www.etalab.gouv.fr/licence-ouverte-open-licence/");
  });

  it("gives each file its format, media type, encoding and a schema that loads in strict mode", async () => {
    for (const resource of descriptor.resources) {
      const extension = resource.path.split(".").at(-1);
      expect(resource.format, resource.path).toBe(extension);
      expect(resource.mediatype, resource.path).toBe(extension === "csv" ? "text/csv" : "application/json");
      expect(resource.encoding, resource.path).toBe("utf-8");
      expect(resource.profile, resource.path).toBe(extension === "csv" ? "tabular-data-resource" : "data-resource");
      expect(existsSync(join(folder, resource.schema)), resource.schema).toBe(true);
      // The table's own schema: schema-contributions.json for contributions.csv and .json.
      expect(resource.schema, resource.path).toBe(
        `schema-${basename(resource.path).replace(/\.(csv|json)$/, "")}.json`,
      );
      const schema = await loadSchemaStrictly(join(folder, resource.schema));
      expect(schema.valid, resource.schema).toBe(true);
      expect(readJson<{ version: string }>(`donnees/${resource.schema}`).version).toBe(descriptor.version);
    }
  });

  it("says what the files are: CSV dialect, and the byte order mark where there is one", () => {
    for (const resource of descriptor.resources) {
      const hasBom = read(`donnees/${resource.path}`).startsWith(UTF8_BOM);
      expect(hasBom, resource.path).toBe(resource.format === "csv");
      // The description tells a program what to expect: « précédé d'un indicateur d'ordre des octets (BOM…) », « sans BOM ».
      expect(resource.description, resource.path).toMatch(
        hasBom ? /précédé d'un indicateur d'ordre des octets \(BOM/ : /sans BOM/,
      );
      if (resource.format === "csv") {
        expect(resource.dialect).toMatchObject({
          delimiter: ",",
          lineTerminator: "\r\n",
          header: true,
          doubleQuote: true,
        });
        expect(read(`donnees/${resource.path}`).split("\r\n").length).toBeGreaterThan(1);
      }
    }
  });
});

describe("/donnees/contributions", () => {
  const json = readJson<Row[]>("donnees/contributions.json");

  it("give each row the database's text, author, thread and counts", () => {
    const byId = new Map(json.map((row) => [String(row.id), row]));
    for (const source of expectedContributions) {
      expect(byId.get(source.id)).toMatchObject({
        contribution_type: source.parent_id === null ? "answer" : "reply",
        parent_id: source.parent_id,
        stance: source.stance,
        body: source.body,
        pseudonym: source.pseudonym,
        profile: source.profile,
        commune_name: source.commune_name,
        region_code: source.region_code,
        territory_type: source.territory_type,
        retained: source.retained,
        support_count: source.support,
        disagree_count: source.disagree,
      });
    }
  });

  it("answer only contributions of the file (parent_id is a foreign key to id)", () => {
    const ids = new Set(json.map((row) => row.id));
    expect(json.filter((row) => row.parent_id !== null && !ids.has(row.parent_id))).toEqual([]);
    expect(json.some((row) => row.parent_id !== null)).toBe(true);
  });
});

describe("the /donnees/ page", () => {
  const document = page("/donnees/");
  const main = document.querySelector("main");

  it("links the seven files, with their row counts and sizes", () => {
    for (const { name, expected } of tables) {
      for (const file of [`${name}.csv`, `${name}.json`, `schema-${name}.json`]) {
        const link = main?.querySelector(`a[href="/donnees/${file}"]`);
        expect(link, file).not.toBeNull();
        const item = normalise(link?.parentNode?.text ?? "");
        expect(item, file).toMatch(/\d+(,\d)? (octets|ko|Mo)\)$/);
        if (!file.startsWith("schema-")) expect(item, file).toContain(`${expected.length} ligne`);
      }
    }
    const packageLink = main?.querySelector('a[href="/donnees/datapackage.json"]');
    expect(normalise(packageLink?.parentNode?.text ?? "")).toMatch(/\(datapackage\.json, \d+(,\d)? (octets|ko)\)$/);
  });

  it("gives its sections ids of their own: the layout's main is #contenu, the skip link's target", () => {
    const ids = document.querySelectorAll("[id]").map((element) => element.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    for (const link of main?.querySelectorAll('nav a[href^="#"]') ?? []) {
      const target = document.getElementById(link.getAttribute("href")?.slice(1) ?? "");
      expect(target?.tagName, link.getAttribute("href")).toBe("H2");
    }
  });

  it("gives the licence with its official address, and a dictionary row per column of each schema", () => {
    expect(main?.querySelector('a[href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"]')).not.toBeNull();
    const tablesOnPage = main?.querySelectorAll("table.dictionary") ?? [];
    // Contributions, initiatives, then the closed questions' answers, the citations and the responses (described below).
    expect(tablesOnPage).toHaveLength(5);
    tables.forEach(({ name }, index) => {
      const schema = readJson<{ fields: { name: string }[] }>(`donnees/schema-${name}.json`);
      const listed = tablesOnPage[index]?.querySelectorAll("tbody th code").map((code) => code.text) ?? [];
      expect(listed).toEqual(schema.fields.map((field) => field.name));
    });
    expect(main?.querySelector("time[datetime]")).not.toBeNull();
  });

  it("carries no script, and is linked from the footer and the site map", () => {
    expect(readFileSync(fileFor("/donnees/"), "utf8")).not.toMatch(/<script\b/i);
    expect(page("/").querySelector('footer a[href="/donnees/"]')).not.toBeNull();
    expect(page("/plan-du-site/").querySelector('main a[href="/donnees/"]')).not.toBeNull();
  });
});

/** The items of an RSS feed: link, guid, publication date, description. */
function feedItems(path: string) {
  const xml = read(path);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(xml).toContain("<language>fr-fr</language>");
  return [...xml.matchAll(/<item>(.*?)<\/item>/gs)].map(([, item = ""]) => ({
    link: /<link>([^<]+)<\/link>/.exec(item)?.[1] ?? "",
    guid: /<guid isPermaLink="true">([^<]+)<\/guid>/.exec(item)?.[1] ?? "",
    pubDate: Date.parse(/<pubDate>([^<]+)<\/pubDate>/.exec(item)?.[1] ?? ""),
    description: /<description>([^<]*)<\/description>/.exec(item)?.[1],
  }));
}

describe("feeds of published contributions", () => {
  /** Published answers with a permalink, newest first. */
  const newest = [...published.answers].sort(
    (a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? -1 : 1),
  );

  it("/contributions/rss.xml lists the 50 latest published answers, newest first, by their permalink", () => {
    const items = feedItems("contributions/rss.xml");
    expect(items.length).toBe(Math.min(50, newest.length));
    expect(items.map((item) => new URL(item.link).pathname)).toEqual(
      newest.slice(0, 50).map((answer) => `/contributions/${answer.id}/`),
    );
    // RSS dates (RFC 822) have whole seconds.
    expect(items.map((item) => item.pubDate)).toEqual(
      newest.slice(0, 50).map((answer) => wholeSeconds(answer.publishedAt.getTime())),
    );
    for (const item of items) {
      expect(item.guid).toBe(item.link);
      expect(item.description, item.link).toBeDefined();
      expect(existsSync(fileFor(new URL(item.link).pathname)), item.link).toBe(true);
    }
  });

  it.each(themes.map((theme) => [theme.id]))("/themes/%s/rss.xml lists its theme's answers only", (themeId) => {
    const items = feedItems(`themes/${themeId}/rss.xml`);
    const expected = newest.filter((answer) => answer.themeId === themeId).slice(0, 50);
    expect(items.map((item) => new URL(item.link).pathname)).toEqual(
      expected.map((answer) => `/contributions/${answer.id}/`),
    );
    const feedLink = page(`/themes/${themeId}/`).querySelector(
      `head link[rel="alternate"][type="application/rss+xml"][href="/themes/${themeId}/rss.xml"]`,
    );
    expect(feedLink?.getAttribute("title")).toBeTruthy();
  });

  it("are announced in every page's head, and list no pending or rejected contribution", () => {
    expect(
      page("/").querySelector('head link[rel="alternate"][type="application/rss+xml"][href="/contributions/rss.xml"]'),
    ).not.toBeNull();
    const all = [read("contributions/rss.xml"), ...themes.map((theme) => read(`themes/${theme.id}/rss.xml`))].join(
      "\n",
    );
    expect([...hiddenIds].filter((id) => all.includes(id))).toEqual([]);
  });

  it("and the sitemap lists every permalink, the open data page and the search page", () => {
    const index = read("sitemap-index.xml");
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname);
    const urls = new Set(
      sitemaps.flatMap((sitemap) =>
        [...read(sitemap.slice(1)).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname),
      ),
    );
    const missing = [
      ...published.answers.map((answer) => `/contributions/${answer.id}/`),
      "/donnees/",
      "/recherche/",
    ].filter((path) => !urls.has(path));
    expect(missing).toEqual([]);
  });
});

describe("search index (Pagefind, /pagefind/)", () => {
  const bundle = join(dist, "pagefind");
  const available = existsSync(join(bundle, "pagefind-entry.json"));

  it.skipIf(!available)("indexes the pages marked searchable, and them only", () => {
    const fragments = readdirSync(join(bundle, "fragment")).map(
      (file) =>
        JSON.parse(
          gunzipSync(readFileSync(join(bundle, "fragment", file)))
            .toString("utf8")
            .replace(/^pagefind_dcd/, ""),
        ) as { url: string; content: string },
    );
    const indexed = fragments.map((fragment) => fragment.url).sort();
    const expected = [
      "/mission/",
      "/themes/",
      ...themes.map((theme) => `/themes/${theme.id}/`),
      ...published.answers.map((answer) => `/contributions/${answer.id}/`),
    ];
    for (const path of expected) expect(indexed, path).toContain(path);
    const marked = htmlFiles(dist)
      .filter((file) => /data-pagefind-body/.test(readFileSync(file, "utf8")))
      .map((file) => `/${file.slice(dist.length + 1).replace(/index\.html$/, "")}`)
      .sort();
    expect(indexed).toEqual(marked);

    // Every published answer's text is searchable; no unpublished text is.
    const content = fragments.map((fragment) => normalise(fragment.content)).join("\n");
    for (const answer of published.answers) expect(content, answer.id).toContain(normalise(answer.body).slice(0, 60));
    const leaks = hidden
      .flatMap((item) => (item.subject_type === "contribution" ? [item.body] : [item.name, item.description]))
      .map((text) => normalise(text).slice(0, 48))
      .filter((slice) => slice.length >= 12 && content.includes(slice));
    expect(leaks).toEqual([]);
  });

  it("is built (npm run build runs Pagefind after Astro)", () => {
    if (!available) {
      console.warn(`[open-data test] ${bundle} is missing: the site was built without scripts/build.ts`);
    }
    expect(available, `${bundle}/pagefind-entry.json`).toBe(true);
  });
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Whitespace collapsed, as a browser shows text. */
function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000) * 1000;
}
