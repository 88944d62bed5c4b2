/**
 * `npm run moderator`, run as a command on a fresh embedded database: a
 * named moderator is added with a token printed once, listed without it,
 * signs in with it, and is revoked; bad arguments get a usage line.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../src/server/env";
import { moderatorTokenDigest } from "../../src/server/moderator-auth";
import { openStore } from "../../src/server/store/open-store";

const run = promisify(execFile);
let folder: string;

async function moderator(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PGLITE_DATA_DIR: join(folder, "pglite"), MODERATOR_TOKEN: "", DATABASE_URL: "" };
  try {
    const { stdout, stderr } = await run(resolve("node_modules/.bin/tsx"), ["scripts/moderator.ts", ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "moderator-command-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe("npm run moderator", () => {
  it("adds a named moderator whose printed token is stored only as its digest, lists and revokes them", async () => {
    const added = await moderator("add", "Camille Martin");
    expect(added.code).toBe(0);
    const [, id] = /\(id ([0-9a-f-]{36})\)/.exec(added.stdout) ?? [];
    const token = added.stdout.trim().split("\n").at(-1) ?? "";
    expect(id).toBeDefined();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const listed = await moderator("list");
    expect(listed.stdout).toContain(`${id}  Camille Martin`);
    expect(listed.stdout).not.toContain(token);

    expect((await moderator("revoke", id as string)).code).toBe(0);
    expect((await moderator("list")).stdout).toMatch(/Camille Martin {2}added \S+ {2}revoked \S+/);
    const env = { ...process.env, PGLITE_DATA_DIR: join(folder, "pglite") };
    const { store } = await openStore(parseEnv(env));
    try {
      const rows = (await store.listModeratorTokens()).map((row) => row.id);
      expect(rows).toEqual([id]);
      expect(await store.findModeratorToken(moderatorTokenDigest(token))).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("answers bad arguments with the usage and exit code 2", async () => {
    for (const args of [[], ["add"], ["add", "x".repeat(81)], ["revoke", "pas-un-id"], ["supprimer"]]) {
      const result = await moderator(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage:");
    }
  });
});
