/**
 * `npm start` with the embedded database in its worker thread
 * (src/server/store/worker-port.ts, pglite-worker.ts), through HTTP: the
 * folder has one owner, held while the server runs and released on SIGTERM
 * once the answers in flight are written; a disk that refuses writes is a
 * 503 naming the cause, then served once it takes writes again, as in
 * process (disk.test.ts), with every acknowledged answer kept.
 */
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  placeholderSite,
  type RunningServer,
  removeScratch,
  runName,
  scratchFolders,
  startServer,
} from "../../bench/server";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";
import type { PgliteSqlPort } from "../../src/server/store/pglite-port";
import { answer } from "../support/pglite-store";
import { SmallDisk, tmpfsUnavailable } from "../support/tmpfs";

const skipReason = await tmpfsUnavailable();
if (skipReason) console.warn(`[faults] SKIPPED (disk cases): ${skipReason}`);

/** A seeded store takes about 40 MB (16 of them the first log segment): room left for a few hundred answers. */
const DISK_MB = 64;

let server: RunningServer | undefined;
let disk: SmallDisk | undefined;
const scratch: string[] = [];
let sent = 0;

afterEach(async () => {
  await server?.stop();
  server = undefined;
  await disk?.unmount();
  disk = undefined;
  await removeScratch(...scratch.splice(0));
});

/** npm start on `dataDir`, serving a placeholder site, each request's network named by the test. */
async function start(dataDir: string): Promise<RunningServer> {
  const folders = scratchFolders(runName("start-worker"));
  scratch.push(folders.buildDir);
  server = await startServer({
    DIST_DIR: await placeholderSite(folders.buildDir),
    PGLITE_DATA_DIR: dataDir,
    TRUST_PROXY: "1",
  });
  return server;
}

/**
 * SIGTERM to the server's own process, tsx's child, as a process manager
 * signalling the group does: tsx, signalled alone, kills its child outright
 * when that child has not acknowledged the relayed signal within 30 ms, which
 * a busy machine can make it miss. Resolves to tsx's exit code (its child's).
 */
function signalServer(running: RunningServer): Promise<number | null> {
  const { pid } = running.child;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
  const exited = new Promise<number | null>((done) => running.child.once("exit", (code) => done(code)));
  process.kill(Number(children[0]), "SIGTERM");
  return exited;
}

/** Posts a new answer from a network of its own (no rate limit in the way); resolves to its status and text. */
async function submit(running: RunningServer, body: string): Promise<number> {
  sent++;
  const response = await fetch(`${running.origin}/api/contributions`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
      "X-Forwarded-For": `198.51.${(sent >> 8) & 255}.${sent & 255}`,
    },
    body: JSON.stringify(answer({ body })),
  });
  await response.arrayBuffer();
  return response.status;
}

const marked = (marker: string) =>
  `${marker} ${crypto.randomUUID()} :${" le réseau manque encore dans nos bourgs.".repeat(30)}`;

/** Opens the folder in this process (the server stopped) and returns the bodies starting with `marker`. */
async function bodiesOnDisk(dataDir: string, marker: string): Promise<string[]> {
  const { store } = await openStore(parseEnv({ PGLITE_DATA_DIR: dataDir }));
  try {
    const { rows } = await (store.port as PgliteSqlPort).db.query<{ body: string }>(
      "select body from public.contributions where body like $1",
      [`${marker} %`],
    );
    return rows.map((row) => row.body).sort();
  } finally {
    await store.close();
  }
}

describe("npm start: the embedded database in a worker thread", () => {
  it("owns the folder alone while it runs, and on SIGTERM writes the answers in flight, closes it and releases the lock", async () => {
    const folders = scratchFolders(runName("start-worker-data"));
    scratch.push(folders.dataRoot);
    // Migrated and seeded beforehand, as the bench does: the first requests do not wait for that.
    await (await openStore(parseEnv({ PGLITE_DATA_DIR: folders.dataDir }))).store.close();
    const running = await start(folders.dataDir);

    // Twenty at once: each call is one statement in the worker, none lost or mixed with another.
    const first = await Promise.all(
      Array.from({ length: 20 }, () => marked("Premier lot")).map(async (body) => ({
        body,
        status: await submit(running, body),
      })),
    );
    expect(first.map(({ status }) => status)).toEqual(first.map(() => 201));

    // The worker holds the lock in the server's name: this process is refused the folder.
    await expect(openStore(parseEnv({ PGLITE_DATA_DIR: folders.dataDir }))).rejects.toThrow(/is in use by process \d+/);

    // Answers still in flight when the signal comes: each one answered 201 is on disk after the stop.
    const bodies = Array.from({ length: 30 }, () => marked("Second lot"));
    const inFlight = bodies.map((body) => submit(running, body).catch(() => 0));
    await new Promise((wait) => setTimeout(wait, 20));
    const exitCode = signalServer(running);
    const statuses = await Promise.all(inFlight);
    expect(await exitCode).toBe(0);
    expect(existsSync(`${folders.dataDir}.lock`)).toBe(false);

    expect(await bodiesOnDisk(folders.dataDir, "Premier lot")).toEqual(first.map(({ body }) => body).sort());
    const acknowledged = bodies.filter((_, index) => statuses[index] === 201);
    const onDisk = await bodiesOnDisk(folders.dataDir, "Second lot");
    for (const body of acknowledged) expect(onDisk).toContain(body);
  });

  describe.skipIf(skipReason !== undefined)("on a disk that refuses writes", () => {
    /** A small disk holding a store opened once (migrated and seeded), closed. */
    async function preparedDisk(): Promise<string> {
      disk = await SmallDisk.mount(DISK_MB);
      const dataDir = join(disk.path, "pglite");
      const { store } = await openStore(parseEnv({ PGLITE_DATA_DIR: dataDir }));
      await store.close();
      return dataDir;
    }

    it("a folder read-only at start: 503 naming the cause in the log, then served once it is writable again", async () => {
      const dataDir = await preparedDisk();
      disk?.remount("ro");
      const running = await start(dataDir);

      expect(await submit(running, marked("Lecture seule"))).toBe(503);
      // The worker that failed has gone and released the lock: the next request starts another.
      expect(await submit(running, marked("Lecture seule"))).toBe(503);
      expect(running.output()).toContain(`The embedded database folder ${dataDir} is on a read-only file system`);

      disk?.remount("rw");
      const body = marked("Lecture seule");
      expect(await submit(running, body)).toBe(201);
      expect(await running.stop()).toBe(0);
      expect(await bodiesOnDisk(dataDir, "Lecture seule")).toEqual([body]);
    });

    it("a full disk where a table needs room: 503, then served once there is room, every acknowledged answer kept", async () => {
      const dataDir = await preparedDisk();
      const running = await start(dataDir);
      const acknowledged: string[] = [];
      for (let i = 0; i < 3; i++) {
        const body = marked("Disque plein");
        expect(await submit(running, body)).toBe(201);
        acknowledged.push(body);
      }
      const filler = disk?.fill() as string;

      // The table's last page may still hold an answer or two; then PostgreSQL must extend the file.
      let status = 201;
      while (status === 201 && acknowledged.length < 60) {
        const body = marked("Disque plein");
        status = await submit(running, body);
        if (status === 201) acknowledged.push(body);
      }
      expect(status).toBe(503);
      expect(running.output()).toContain(`The disk holding the embedded database ${dataDir} is full`);

      await rm(filler);
      const body = marked("Disque plein");
      expect(await submit(running, body)).toBe(201);
      acknowledged.push(body);
      expect(await running.stop()).toBe(0);
      expect(await bodiesOnDisk(dataDir, "Disque plein")).toEqual(acknowledged.sort());
    });
  });
});
