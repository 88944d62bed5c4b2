/**
 * A second consultation, from its content folder only: the site built with
 * CONTENT_DIR=tests/fixtures/consultation-marche (a town's consultation on
 * its market square: 2 themes, other dates and organisers, a closed
 * question, no initiatives) into a folder of its own, on an embedded
 * database of its own (the demonstration seed belongs to the default
 * consultation: this one starts empty). Then: its themes' and questions'
 * pages exist and every internal link resolves, the initiatives are gone
 * from pages, navigation, sitemap and open data, and no built file holds a
 * name of the default mission.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBuiltSite } from "./built-site";

const root = resolve(import.meta.dirname, "../..");
const fixture = "tests/fixtures/consultation-marche";
const content = JSON.parse(readFileSync(join(root, fixture, "consultation.json"), "utf8")) as {
  shortName: string;
  themes: { id: string; title: string; questions: { id: string; title: string; type?: string }[] }[];
};

/** Names of the default mission that must not appear in the fixture's site (issue 14). */
const defaultMissionNames = ["Coworking", "Levy-Waitz", "Travailler autrement", "tiers-lieu"];

const scratch = mkdtempSync(join(tmpdir(), "fixture-consultation-"));
const dist = join(scratch, "dist");
const site = new URL("http://localhost:4321/");
const { fileFor, load, brokenLinks } = openBuiltSite(dist);

beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/build.ts", "--outDir", dist],
    {
      cwd: root,
      env: buildEnv(),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}, 180_000);

/** This process's environment, on the fixture's content, database and address, on its demonstration clock. */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTENT_DIR: fixture,
    PGLITE_DATA_DIR: join(scratch, "data"),
    SITE_URL: site.href,
  };
  // The fixture's own demonstration instant (its consultation.json's demoNow), whatever the caller's clock.
  delete env.CONSULTATION_CLOCK;
  delete env.DATABASE_URL;
  delete env.SUPABASE_URL;
  return env;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe("a second consultation, built from CONTENT_DIR", () => {
  it("has a page per theme and per question, linked from the theme page", () => {
    for (const theme of content.themes) {
      const page = load(fileFor(`/themes/${theme.id}/`));
      expect(page.querySelector("h1")?.text, theme.id).toContain(theme.title);
      for (const question of theme.questions) {
        expect(existsSync(fileFor(`/themes/${theme.id}/${question.id}/`)), question.id).toBe(true);
        expect(page.querySelector(`a[href="/themes/${theme.id}/${question.id}/"]`), question.id).not.toBeNull();
      }
    }
    expect(content.themes.flatMap((theme) => theme.questions).some((question) => question.type === "single")).toBe(
      true,
    );
    expect(load(fileFor("/")).querySelector("title")?.text).toContain(content.shortName);
  });

  it("resolves every internal link and anchor", () => {
    expect(brokenLinks(site)).toEqual([]);
  });

  it("lists only built pages in its sitemap", () => {
    const sitemap = readFileSync(join(dist, "sitemap-0.xml"), "utf8");
    const missing = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
      .map((match) => new URL(match[1] ?? "").pathname)
      .filter((pathname) => !existsSync(fileFor(pathname)));
    expect(missing).toEqual([]);
    expect(sitemap).toContain(`/themes/${content.themes[0]?.id}/`);
  });

  it("has no initiatives: no page, no link, no sitemap entry, no open data file", () => {
    expect(existsSync(join(dist, "initiatives"))).toBe(false);
    const mentions = allFiles(dist)
      .filter((path) => /\.(html|xml|json|csv)$/.test(path) && !path.includes(`${join(dist, "pagefind")}`))
      .filter((path) => /\/initiatives\/|initiatives\.(csv|json)|schema-initiatives/.test(readFileSync(path, "utf8")))
      .map((path) => relative(dist, path));
    expect(mentions).toEqual([]);
  });

  it("holds none of the default mission's names, in any file", () => {
    const offending: string[] = [];
    for (const file of allFiles(dist)) {
      if (/\.(png|jpe?g|webp|ico|woff2?|pf_\w+|pagefind)$/.test(file) || file.includes("/pagefind/")) continue;
      const text = readFileSync(file, "utf8");
      for (const name of defaultMissionNames) {
        const at = text.toLowerCase().indexOf(name.toLowerCase());
        if (at !== -1)
          offending.push(
            `${relative(dist, file)}: « ${name} » in "…${text.slice(Math.max(0, at - 40), at + 40).replaceAll(/\s+/g, " ")}…"`,
          );
      }
    }
    expect(offending).toEqual([]);
  });
});
