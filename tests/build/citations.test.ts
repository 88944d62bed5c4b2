/**
 * A sourced synthesis, built: the default site on an embedded database of
 * its own (the demonstration seed), with two themes' syntheses that cite
 * published answers and a reply, built into a folder of its own. Then: each
 * citation is a link to the contribution, named « contribution de
 * <pseudonyme> »; /synthese/ gives the coverage (cited against received, in
 * all, by kind of territory and per theme) as computed here from the
 * seeded rows; the cited permalinks say where they are cited and offer the
 * contested-summary reason; the citations file of /donnees/ lists them and
 * validates against its schema. Last, a synthesis citing a rejected
 * contribution stops the build, and the error names the id and the theme.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { UTF8_BOM } from "../../src/domain/csv";
import { territoryTypes } from "../../src/domain/territory";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";
import type { PublicSnapshot } from "../../src/server/store/store";
import { openBuiltSite } from "./built-site";
import { parseCsv } from "./rfc4180";
import { type TableSchemaLike, validateTable } from "./table-schema";
import { readWithTableschema } from "./tableschema-reader";

const root = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "citations-build-"));
const dataDir = join(scratch, "data");
const dist = join(scratch, "dist");
const site = new URL("http://localhost:4321/");
const { fileFor, load } = openBuiltSite(dist);

/** This process's environment, on the scratch database, the default content and its demonstration clock. */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: dataDir, SITE_URL: site.href };
  delete env.CONTENT_DIR;
  delete env.CONSULTATION_CLOCK;
  delete env.DATABASE_URL;
  delete env.SUPABASE_URL;
  return env;
}

function build(outDir: string) {
  return promisify(execFile)(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/build.ts", "--outDir", outDir],
    { cwd: root, env: buildEnv(), maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The scratch database, opened in this process (its folder is free between builds). */
async function withStore<T>(use: (store: Awaited<ReturnType<typeof openStore>>["store"]) => Promise<T>): Promise<T> {
  const { store } = await openStore(parseEnv(buildEnv() as Record<string, string | undefined>));
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

type Row = PublicSnapshot["contributions"][number];
const [first, second] = themes as [(typeof themes)[number], (typeof themes)[number]];
let snapshot: PublicSnapshot;
let rejectedId: string;
/** What the syntheses cite: theme, contribution row, and where its page shows it. */
let cited: { themeId: string; row: Row; href: string }[];
let stored: { by_territory_type: { territory_type: string; contributions: number }[] };

beforeAll(async () => {
  await withStore(async (store) => {
    const seeded = await store.publicSnapshot();
    const answers = seeded.contributions.filter((row) => row.parent_id === null);
    const inTheme = (themeId: string) => answers.filter((row) => row.theme_id === themeId);
    // Two answers of the first theme from different kinds of territory, a reply in one of its threads,
    // and one answer of the second theme.
    const [a1] = inTheme(first.id);
    const a2 = inTheme(first.id).find((row) => row.territory_type !== a1?.territory_type);
    const reply = seeded.contributions.find(
      (row) => row.parent_id !== null && answers.some((answer) => answer.id === row.parent_id),
    );
    const [a3] = inTheme(second.id);
    if (!a1 || !a2 || !reply || !a3) throw new Error("the seed lacks the answers and reply this test cites");
    const rejected = await store.moderationQueue({ subjectType: "contribution", status: "rejected", limit: 1 });
    if (!rejected[0]) throw new Error("the seed has no rejected contribution");
    rejectedId = rejected[0].id;
    cited = [
      { themeId: first.id, row: a1, href: `/contributions/${a1.id}/` },
      { themeId: first.id, row: a2, href: `/contributions/${a2.id}/` },
      { themeId: first.id, row: reply, href: `/contributions/${reply.parent_id}/#reponse-${reply.id}` },
      { themeId: second.id, row: a3, href: `/contributions/${a3.id}/` },
    ];
    await store.saveSynthesis({
      themeId: first.id,
      // a1 twice (it counts once), its id in capitals once; the reply by its own id.
      body: `# Ce qui ressort\n\nLe réseau manque ([[c:${a1.id}]], [[c:${a2.id}]]).\n\n- Un lieu à soi [[c:${a1.id.toUpperCase()}]]\n- Une réponse : [[c:${reply.id}]]`,
      actor: "test",
    });
    await store.saveSynthesis({ themeId: second.id, body: `Voir [[c:${a3.id}]].`, actor: "test" });
    snapshot = await store.publicSnapshot();
  });
  await build(dist);
  stored = (await withStore((store) => store.latestSummary()))!.data;
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();
const percent = (part: number, whole: number) => {
  const share = whole > 0 ? part / whole : 0;
  return share > 0 && share < 0.005 ? "< 1 %" : `${Math.round(share * 100)} %`;
};

describe("a synthesis that cites contributions", () => {
  it("links each citation to the contribution, named after its author, on the theme page and on /synthese/", () => {
    for (const path of [`/themes/${first.id}/`, "/synthese/"]) {
      const container =
        path === "/synthese/"
          ? load(fileFor(path)).querySelector(`section[aria-labelledby=theme-${first.id}] .synthesis-text`)
          : load(fileFor(path)).querySelector(".synthesis-text");
      const links = container?.querySelectorAll("a") ?? [];
      const ofName = (name: string) => (/^[aeiouyàâäéèêëîïôöùûüÿæœ]/iu.test(name) ? `d'${name}` : `de ${name}`);
      const expected = [cited[0], cited[1], cited[0], cited[2]].map((citation) => ({
        href: citation!.href,
        text: `contribution ${ofName(citation!.row.pseudonym)}`,
      }));
      expect(
        links.map((link) => ({ href: link.getAttribute("href"), text: normalise(link.text) })),
        path,
      ).toEqual(expected);
      expect(container?.text, path).not.toContain("[[c:");
      // Each target exists in the built site.
      for (const { href } of expected) {
        const url = new URL(href, site);
        expect(existsSync(fileFor(url.pathname)), href).toBe(true);
        if (url.hash) expect(load(fileFor(url.pathname)).getElementById(url.hash.slice(1)), href).not.toBeNull();
      }
    }
  });

  it("says on a cited permalink where it is cited, and offers its author the contested-summary reason", () => {
    const a1 = cited[0]!.row;
    const page = load(fileFor(`/contributions/${a1.id}/`));
    const notice = page.querySelector("article.contribution .cited-in");
    expect(notice?.querySelector(`a[href="/themes/${first.id}/#synthese"]`)).not.toBeNull();
    expect(normalise(notice?.text ?? "")).toContain("Ma contribution est mal résumée dans la synthèse");
    const flagForm = (document: typeof page, id: string) =>
      document
        .querySelectorAll("astro-island")
        .find(
          (element) =>
            (element.getAttribute("component-url") ?? "").includes("FlagForm") &&
            (element.getAttribute("props") ?? "").includes(id),
        );
    expect(flagForm(page, a1.id)?.getAttribute("props")).toContain('"cited":[0,true]');

    // The reply: its own notice, in its thread.
    const reply = cited[2]!.row;
    const thread = load(fileFor(`/contributions/${reply.parent_id}/`)).getElementById(`reponse-${reply.id}`);
    expect(thread?.querySelector(`.cited-in a[href="/themes/${first.id}/#synthese"]`)).not.toBeNull();

    // An answer no synthesis cites has no notice, and its form no such reason.
    const uncited = snapshot.contributions.find(
      (row) => row.parent_id === null && !cited.some((citation) => citation.row.id === row.id),
    )!;
    const other = load(fileFor(`/contributions/${uncited.id}/`));
    expect(other.querySelector("article.contribution .cited-in")).toBeNull();
    expect(flagForm(other, uncited.id)?.getAttribute("props")).toContain('"cited":[0,false]');
  });
});

describe("coverage on /synthese/", () => {
  /** Received: every published answer and reply, as the summary counts them by kind of territory. */
  const received = () => snapshot.contributions;
  const citedIds = () => new Set(cited.map((citation) => citation.row.id));

  it("gives cited against received, in all and by kind of territory, as counted from the seeded rows", () => {
    const section = load(fileFor("/synthese/")).querySelector("section[aria-labelledby=citations]");
    const total = received().length;
    // The build's summary counts the same received contributions by kind of territory.
    expect(total).toBe(stored.by_territory_type.reduce((sum, row) => sum + row.contributions, 0));
    const allCited = citedIds().size;
    expect(allCited).toBe(4);
    expect(normalise(section?.querySelector(".citation-coverage")?.text ?? "")).toBe(
      `Contributions et réponses citées : ${allCited} sur ${total} (${percent(allCited, total)}) des contributions et réponses publiées.`,
    );
    const rows = section?.querySelectorAll("#tableau-citations tbody tr") ?? [];
    expect(rows.map((row) => normalise(row.querySelector("th")?.text ?? ""))).toEqual(Object.values(territoryTypes));
    (Object.keys(territoryTypes) as (keyof typeof territoryTypes)[]).forEach((type, index) => {
      const inType = received().filter((row) => row.territory_type === type);
      const citedInType = inType.filter((row) => citedIds().has(row.id)).length;
      const summaryCount = stored.by_territory_type.find((row) => row.territory_type === type)?.contributions ?? 0;
      expect(inType.length, type).toBe(summaryCount);
      expect(
        rows[index]?.querySelectorAll("td").map((cell) => normalise(cell.text)),
        type,
      ).toEqual([String(citedInType), String(inType.length), percent(citedInType, inType.length)]);
    });
    expect(normalise(section?.querySelector("#tableau-citations tfoot tr")?.text ?? "")).toBe(
      `Ensemble ${allCited} ${total} ${percent(allCited, total)}`,
    );
  });

  it("gives each theme's synthesis its own coverage, against the theme's answers and their replies", () => {
    const answers = new Map(snapshot.contributions.filter((row) => row.parent_id === null).map((row) => [row.id, row]));
    const themeOf = (row: Row): string => {
      let current: Row | undefined = row;
      while (current && current.parent_id !== null) {
        current = snapshot.contributions.find((candidate) => candidate.id === current?.parent_id);
      }
      return current ? (answers.get(current.id)?.theme_id ?? "") : "";
    };
    for (const theme of [first, second]) {
      const inTheme = received().filter((row) => themeOf(row) === theme.id).length;
      const citedHere = new Set(cited.filter((citation) => citation.themeId === theme.id).map((c) => c.row.id)).size;
      const expected = `Contributions et réponses du thème citées par cette synthèse : ${citedHere} sur ${inTheme} (${percent(citedHere, inTheme)}).`;
      const onSummary = load(fileFor("/synthese/")).querySelector(
        `section[aria-labelledby=theme-${theme.id}] .synthesis-coverage`,
      );
      expect(normalise(onSummary?.text ?? ""), theme.id).toBe(expected);
      const onTheme = load(fileFor(`/themes/${theme.id}/`)).querySelector(".synthesis-coverage");
      expect(normalise(onTheme?.text ?? ""), theme.id).toContain(expected);
    }
  });
});

describe("/donnees/citations", () => {
  const read = (path: string) => readFileSync(join(dist, path), "utf8");

  it("lists each theme's cited contributions once, with their addresses, in JSON and CSV, valid against the schema", async () => {
    const json = JSON.parse(read("donnees/citations.json")) as Record<string, unknown>[];
    expect(json).toEqual(
      cited.map((citation) => ({
        theme_id: citation.themeId,
        synthesis_url: new URL(`/themes/${citation.themeId}/#synthese`, site).href,
        contribution_id: citation.row.id,
        url: new URL(citation.href, site).href,
      })),
    );
    const schema = JSON.parse(read("donnees/schema-citations.json")) as TableSchemaLike;
    expect(schema.primaryKey).toEqual(["theme_id", "contribution_id"]);
    const csv = read("donnees/citations.csv");
    const [header = [], ...records] = parseCsv(csv.slice(UTF8_BOM.length));
    const csvRows = records.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index]])));
    expect(validateTable(schema, json, false)).toEqual([]);
    expect(validateTable(schema, csvRows, true)).toEqual([]);
    // tableschema-js wants a top-level domain in a URI: the local origin is given one (as open-data.test.ts does).
    const report = await readWithTableschema(
      csv.replaceAll(site.href, "https://consultation.example/"),
      join(dist, "donnees/schema-citations.json"),
    );
    expect(report.errors).toEqual([]);
    expect(report.rows).toBe(cited.length);
    const datapackage = JSON.parse(read("donnees/datapackage.json")) as { resources: { path: string }[] };
    expect(datapackage.resources.map((resource) => resource.path)).toEqual(
      expect.arrayContaining(["citations.csv", "citations.json"]),
    );
  });
});

describe("a synthesis citing a contribution that is not published", () => {
  it("stops the build, naming the contribution and the theme", async () => {
    await withStore((store) =>
      store.saveSynthesis({ themeId: second.id, body: `Voir [[c:${rejectedId}]].`, actor: "test" }),
    );
    const failed = await build(join(scratch, "dist-refused")).then(
      () => undefined,
      (error: Error & { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}\n${error.stderr ?? ""}`,
    );
    expect(failed, "the build succeeded").toBeDefined();
    expect(failed).toContain(rejectedId);
    expect(failed).toContain(`theme "${second.id}"`);
    expect(existsSync(join(scratch, "dist-refused", "index.html"))).toBe(false);
  }, 300_000);
});
