/**
 * The history of a published synthesis, built: the default site on an
 * embedded database of its own (the demonstration seed), three themes'
 * syntheses saved at known instants (one published, withdrawn by a blank
 * save, published again, then modified; one saved once; one withdrawn for
 * good), built into a folder of its own. Under each shown synthesis, on its
 * theme page and on /synthese/, « Versions : publiée le …, publiée de
 * nouveau le …, modifiée le … », each date a <time> with its instant; no
 * history where no synthesis is shown.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { formatInstant } from "../../src/domain/format";
import type { Clock } from "../../src/server/clock";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";
import { Store } from "../../src/server/store/store";
import { openBuiltSite } from "./built-site";

const root = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "synthesis-history-build-"));
const dataDir = join(scratch, "data");
const dist = join(scratch, "dist");
const { fileFor, load } = openBuiltSite(dist);

function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: dataDir, SITE_URL: "http://localhost:4321/" };
  delete env.CONTENT_DIR;
  delete env.CONSULTATION_CLOCK;
  delete env.DATABASE_URL;
  delete env.SUPABASE_URL;
  return env;
}

const [edited, once, withdrawn] = themes as [(typeof themes)[number], (typeof themes)[number], (typeof themes)[number]];
const saves: [string, string, string][] = [
  [edited.id, "2018-05-02T08:00:00Z", "## Premier jet"],
  [edited.id, "2018-05-03T08:00:00Z", "   "],
  [edited.id, "2018-05-04T08:00:00Z", "## De retour"],
  [edited.id, "2018-05-05T15:30:00Z", "## De retour, précisé"],
  [once.id, "2018-05-06T08:00:00Z", "## Une seule version"],
  [withdrawn.id, "2018-05-07T08:00:00Z", "## Bientôt retirée"],
  [withdrawn.id, "2018-05-08T08:00:00Z", ""],
];

beforeAll(async () => {
  const { store } = await openStore(parseEnv(buildEnv() as Record<string, string | undefined>));
  try {
    for (const [themeId, at, body] of saves) {
      const clock: Clock = { mode: "demo", now: () => new Date(at) };
      await new Store(store.port, { clock: () => clock }).saveSynthesis({ themeId, body, actor: "test" });
    }
  } finally {
    await store.close();
  }
  await promisify(execFile)(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/build.ts", "--outDir", dist],
    { cwd: root, env: buildEnv(), maxBuffer: 64 * 1024 * 1024 },
  );
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();
const on = (iso: string) => formatInstant(new Date(iso));

/** The history paragraph of a theme's synthesis on its theme page, and on /synthese/. */
function histories(themeId: string) {
  return [
    load(fileFor(`/themes/${themeId}/`)).querySelector("section.synthesis .synthesis-history"),
    load(fileFor("/synthese/")).querySelector(`section[aria-labelledby=theme-${themeId}] .synthesis-history`),
  ];
}

describe("the history of a published synthesis", () => {
  it("lists every published version under the synthesis, on its theme page and on /synthese/", () => {
    for (const history of histories(edited.id)) {
      expect(normalise(history?.text ?? "")).toBe(
        normalise(
          `Versions : publiée le ${on("2018-05-02T08:00:00Z")}, publiée de nouveau le ${on("2018-05-04T08:00:00Z")}, modifiée le ${on("2018-05-05T15:30:00Z")}.`,
        ),
      );
      expect(history?.querySelectorAll("time").map((time) => time.getAttribute("datetime"))).toEqual([
        "2018-05-02T08:00:00.000Z",
        "2018-05-04T08:00:00.000Z",
        "2018-05-05T15:30:00.000Z",
      ]);
    }
    for (const history of histories(once.id)) {
      expect(normalise(history?.text ?? "")).toBe(normalise(`Versions : publiée le ${on("2018-05-06T08:00:00Z")}.`));
    }
  });

  it("shows no history where no synthesis is shown", () => {
    expect(histories(withdrawn.id)).toEqual([null, null]);
    expect(normalise(load(fileFor(`/themes/${withdrawn.id}/`)).querySelector("main")?.text ?? "")).not.toContain(
      "Bientôt retirée",
    );
  });
});
