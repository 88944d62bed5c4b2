/**
 * `npm start` rebuilds the site in its own process after each publication
 * (it owns the embedded database). Under Astro 7 a second build in one
 * process used to import the first build's prerender bundle from Node's
 * module cache, so a contribution published between the two builds got no
 * permalink. Two builds here, into the same folder as the server's rebuilds
 * use, with a publication between them. Then the schedule, with npm
 * start's in-process rebuilder: abuse flags take a contribution off the
 * pages and the exports, and the consultation's opening brings the forms.
 */
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, expect, it, vi } from "vitest";
import contributions from "../../netlify/functions/contributions";
import flags from "../../netlify/functions/flags";
import { buildSite } from "../../src/server/build-site";
import { registerLocalRebuilder, runSchedule } from "../../src/server/rebuild";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

const root = join(import.meta.dirname, "../..");
const outDir = join(root, ".builds", `test-rebuild-${process.pid}`);
const { store, opened } = await memoryStore();
provideStore(opened);

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  await store.close();
});

async function publishAnswer(): Promise<string> {
  const response = await contributions(jsonRequest("/api/contributions", answer()), fakeContext());
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "test" });
  return id;
}

const permalink = (id: string) => join(outDir, "contributions", id, "index.html");

it("gives a contribution published between two builds of one process its permalink", { timeout: 120_000 }, async () => {
  const first = await publishAnswer();
  await buildSite({ root, outDir, logLevel: "error" });
  expect(existsSync(permalink(first))).toBe(true);

  const second = await publishAnswer();
  await rm(outDir, { recursive: true, force: true });
  await buildSite({ root, outDir, logLevel: "error" });
  expect(existsSync(permalink(first))).toBe(true);
  expect(existsSync(permalink(second))).toBe(true);
});

/** npm start's rebuilder, awaited: the schedule runs, then the build it asked for. */
async function scheduledBuilds(): Promise<number> {
  let builds: Promise<unknown>[] = [];
  registerLocalRebuilder(() => {
    builds.push(
      rm(outDir, { recursive: true, force: true }).then(() => buildSite({ root, outDir, logLevel: "error" })),
    );
  });
  await runSchedule(store, { buildHookUrl: undefined });
  const count = builds.length;
  await Promise.all(builds);
  builds = [];
  return count;
}

const questionPage = () =>
  readFileSync(join(outDir, "themes/ancrage-territorial/freins-rencontres/index.html"), "utf8");

it("takes a contribution hidden by abuse flags off the rebuilt pages and exports", { timeout: 120_000 }, async () => {
  await scheduledBuilds(); // the state the pages were last built in
  const id = await publishAnswer();
  expect(await scheduledBuilds()).toBe(1);
  expect(existsSync(permalink(id))).toBe(true);
  expect(readFileSync(join(outDir, "donnees/contributions.csv"), "utf8")).toContain(id);

  for (const index of [1, 2, 3]) {
    const request = jsonRequest(`/api/contributions/${id}/flags`, {
      reason: "other",
      voterToken: `jeton-signalement-${index}-0000`,
    });
    expect((await flags(request, fakeContext({ id }, `198.51.100.${index}`))).status).toBe(201);
  }
  expect(await scheduledBuilds()).toBe(1);
  expect(existsSync(permalink(id))).toBe(false);
  expect(readFileSync(join(outDir, "donnees/contributions.csv"), "utf8")).not.toContain(id);
  expect(readFileSync(join(outDir, "donnees/contributions.json"), "utf8")).not.toContain(id);
});

it("brings the answer forms with the consultation's opening, and takes them away at its closing", {
  timeout: 120_000,
}, async () => {
  vi.stubEnv("CONSULTATION_CLOCK", "2018-04-11T23:59:00+02:00");
  await scheduledBuilds();
  expect(await scheduledBuilds()).toBe(0);
  expect(questionPage()).not.toContain("contribution-form");

  vi.stubEnv("CONSULTATION_CLOCK", "2018-04-12T00:01:00+02:00");
  expect(await scheduledBuilds()).toBe(1);
  expect(questionPage()).toContain("contribution-form");
  expect(await scheduledBuilds()).toBe(0);

  vi.stubEnv("CONSULTATION_CLOCK", "2018-06-16T00:01:00+02:00");
  expect(await scheduledBuilds()).toBe(1);
  expect(questionPage()).not.toContain("contribution-form");
});
