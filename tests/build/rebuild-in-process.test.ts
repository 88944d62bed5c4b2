/**
 * `npm start` rebuilds the site in its own process after each publication
 * (it owns the embedded database). Under Astro 7 a second build in one
 * process used to import the first build's prerender bundle from Node's
 * module cache, so a contribution published between the two builds got no
 * permalink. Two builds here, into the same folder as the server's rebuilds
 * use, with a publication between them.
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import contributions from "../../netlify/functions/contributions";
import { buildSite } from "../../src/server/build-site";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

const root = join(import.meta.dirname, "../..");
const outDir = join(root, ".builds", `test-rebuild-${process.pid}`);
const { store, opened } = await memoryStore();
provideStore(opened);

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
