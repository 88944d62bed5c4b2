/**
 * The embedded folder's lock (src/server/store/folder-lock.ts): a lock left
 * by a dead process, or naming a pid that an unrelated process wears now, is
 * taken over; a live owner that really has the folder open is refused, by
 * name, and the API answers 503; of several processes starting at once on a
 * stale lock, exactly one wins.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import handler from "../../netlify/functions/contributions";
import { parseEnv } from "../../src/server/env";
import { forgetStore, openStore } from "../../src/server/store/open-store";
import { answer, fakeContext, jsonRequest } from "../support/pglite-store";

const folder = await mkdtemp(join(tmpdir(), "consultation-lock-"));
const children: ChildProcess[] = [];
let folders = 0;

/** A new folder for each test: a holder process keeps its own open. */
const newDataDir = () => join(folder, `pglite-${++folders}`);
const open = (dataDir: string) => openStore(parseEnv({ PGLITE_DATA_DIR: dataDir, CONSULTATION_CLOCK: "real" }));
const lockOwner = async (dataDir: string) => JSON.parse(await readFile(`${dataDir}.lock`, "utf8")) as { pid: number };

/** The pid of a process that has exited (and been reaped). */
const deadPid = () => spawnSync("true").pid;

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks after boot. */
async function startTimeOf(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3] as string;
}

/** Starts tests/faults/hold-folder.ts and resolves with the line it prints once it has won or lost the folder. */
function holder(
  mode: "store" | "lock",
  dataDir: string,
  startAt = 0,
): Promise<{ child: ChildProcess; pid: number; won: boolean; message?: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/faults/hold-folder.ts", mode, dataDir, String(startAt)],
    { cwd: resolve(import.meta.dirname, "../.."), stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  return new Promise((resolvePromise, reject) => {
    child.once("exit", (code) => reject(new Error(`hold-folder.ts exited (${code}) before saying anything`)));
    // Its store logs to stdout too: the answer is the JSON line.
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      lines.close();
      resolvePromise({ child, ...JSON.parse(line) });
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}

const linux = existsSync("/proc/self/stat");
if (!linux && process.env.CI) throw new Error("CI: the lock tests read /proc (Linux)");

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  forgetStore();
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe.skipIf(!linux)("the embedded folder's lock", () => {
  it.each([
    ["a bare pid (the format before start times)", (pid: number) => String(pid)],
    ["the owner's pid and start time", (pid: number) => JSON.stringify({ pid, startTime: "12345" })],
  ])("a lock left by a dead process, as %s, is taken over", async (_format, content) => {
    const dataDir = newDataDir();
    const dead = deadPid();
    await writeFile(`${dataDir}.lock`, content(dead as number));

    const opened = await open(dataDir);
    expect(await lockOwner(dataDir)).toMatchObject({ pid: process.pid, startTime: await startTimeOf(process.pid) });
    await opened.store.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("a bare pid (the old format) now worn by an unrelated process started after the lock was written is taken over", async () => {
    const dataDir = newDataDir();
    const sleeper = spawn("sleep", ["60"]);
    children.push(sleeper);
    await writeFile(`${dataDir}.lock`, String(sleeper.pid));
    // Left by a run an hour ago, whose pid the sleeper got since.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(`${dataDir}.lock`, anHourAgo, anHourAgo);

    const opened = await open(dataDir);
    expect((await lockOwner(dataDir)).pid).toBe(process.pid);
    await opened.store.close();
  });

  it("a lock naming a live pid with another start time (the pid reused) is taken over", async () => {
    const dataDir = newDataDir();
    const sleeper = spawn("sleep", ["60"]);
    children.push(sleeper);
    const pid = sleeper.pid as number;
    const bootId = (await readFile("/proc/sys/kernel/random/boot_id", "utf8")).trim();
    // Written by the process that wore this pid before, started earlier.
    const startTime = String(Number(await startTimeOf(pid)) - 100);
    await writeFile(`${dataDir}.lock`, JSON.stringify({ pid, startTime, bootId }));

    const opened = await open(dataDir);
    expect((await lockOwner(dataDir)).pid).toBe(process.pid);
    await opened.store.close();
  });

  it("a live process that has the folder open keeps it: refused by name, 503 through the function, served once it stops", async () => {
    const dataDir = newDataDir();
    const owner = await holder("store", dataDir);
    expect(owner.won).toBe(true);
    const inUse = `The embedded database ${dataDir} is in use by process ${owner.pid}`;

    await expect(open(dataDir)).rejects.toMatchObject({
      name: "StoreUnavailableError",
      message: expect.stringContaining(inUse),
    });

    vi.stubEnv("PGLITE_DATA_DIR", dataDir);
    vi.stubEnv("CONSULTATION_CLOCK", "real");
    const warn = vi.spyOn(console, "warn");
    const post = () =>
      handler(jsonRequest("/api/contributions", answer(), { "Idempotency-Key": crypto.randomUUID() }), fakeContext());
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("5");
    expect(await refused.json()).toMatchObject({ error: "store_unavailable" });
    expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(expect.stringContaining(inUse));

    await stop(owner.child);
    const opened = await open(dataDir);
    expect((await lockOwner(dataDir)).pid).toBe(process.pid);
    await opened.store.close();
  });

  it("of four processes starting at once on a stale lock, exactly one wins", async () => {
    const dataDir = newDataDir();
    await writeFile(`${dataDir}.lock`, String(deadPid()));
    // Each waits for the same instant, once its modules are loaded.
    const startAt = Date.now() + 3_000;
    const results = await Promise.all([1, 2, 3, 4].map(() => holder("lock", dataDir, startAt)));

    const winners = results.filter((result) => result.won);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.pid;
    expect((await lockOwner(dataDir)).pid).toBe(winner);
    for (const loser of results.filter((result) => !result.won)) {
      expect(loser.message).toContain(`is in use by process ${winner}`);
    }
  });
});
