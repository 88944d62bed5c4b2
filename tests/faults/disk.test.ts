/**
 * The embedded store on a disk that refuses writes: a small tmpfs mounted
 * read-only or filled up, under the real contributions function invoked in
 * process. Each fault is a JSON 503 with Retry-After and a log line naming
 * the cause and the folder; a write that got no 201 is absent, and every
 * one that did is there once the disk takes writes again and the process
 * has restarted (the store closed and opened again).
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import handler from "../../netlify/functions/contributions";
import { forgetStore, getStore } from "../../src/server/store/open-store";
import type { PgliteSqlPort } from "../../src/server/store/pglite-port";
import { answer, fakeContext, jsonRequest } from "../support/pglite-store";
import { SmallDisk, tmpfsUnavailable } from "../support/tmpfs";

/** A seeded store takes about 40 MB (16 of them the first log segment): room left for a few hundred answers. */
const DISK_MB = 64;

const skipReason = await tmpfsUnavailable();
if (skipReason) console.warn(`[faults] SKIPPED: ${skipReason}`);

let disk: SmallDisk;
let dataDir: string;
let warn: MockInstance<typeof console.warn>;
/** The text of every answer this test sent and got a 201 for, and of those it did not. */
let acknowledged: string[];
let refused: string[];
let sent = 0;

/** Sends a new answer, under a new key and address, and files its text by the answer it got. */
async function submit(): Promise<Response> {
  sent++;
  const body = `Panne de disque ${crypto.randomUUID()} :${" le réseau manque encore dans nos bourgs.".repeat(30)}`;
  const response = await handler(
    jsonRequest("/api/contributions", answer({ body }), { "Idempotency-Key": crypto.randomUUID() }),
    fakeContext({}, `198.51.${(sent >> 8) & 255}.${sent & 255}`),
  );
  (response.status === 201 ? acknowledged : refused).push(body);
  return response;
}

async function expectUnavailable(response: Response, logged: string): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("Retry-After")).toBe("5");
  expect(await response.json()).toMatchObject({ error: "store_unavailable", message: expect.any(String) });
  expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(expect.stringContaining(logged));
  warn.mockClear();
}

const port = async () => (await getStore()).store.port as PgliteSqlPort;

/** Stops the process's store (closing PGlite releases its files and lock), as a restart would. */
async function stopStore(): Promise<void> {
  const opened = await getStore().catch(() => undefined);
  forgetStore();
  await opened?.store.close();
}

/** Restarts the store and checks the rows: every acknowledged answer once, no refused one. */
async function expectAcknowledgedOnly(): Promise<void> {
  await stopStore();
  const { db } = await port();
  const rows = await db.query<{ body: string }>(
    "select body from public.contributions where body like 'Panne de disque %'",
  );
  const bodies = rows.rows.map((row) => row.body);
  expect(bodies.sort()).toEqual([...acknowledged].sort());
  for (const body of refused) expect(bodies).not.toContain(body);
}

describe.skipIf(skipReason !== undefined)("the embedded store on a disk that refuses writes", () => {
  beforeEach(async () => {
    disk = await SmallDisk.mount(DISK_MB);
    dataDir = join(disk.path, "pglite");
    vi.stubEnv("PGLITE_DATA_DIR", dataDir);
    // Each answer comes from an address of its own (submit()): no rate limit in the way of a few hundred.
    acknowledged = [];
    refused = [];
    forgetStore();
    warn = vi.spyOn(console, "warn");
  });

  afterEach(async () => {
    await stopStore();
    warn.mockRestore();
    vi.unstubAllEnvs();
    await disk.unmount();
  });

  it("a folder read-only at start: 503 naming the cause, then served once it is writable again", async () => {
    await getStore();
    await stopStore();
    disk.remount("ro");

    await expectUnavailable(await submit(), `The embedded database folder ${dataDir} is on a read-only file system`);
    // Not cached: every request tries again, and gets the same answer while the folder stays read-only.
    await expectUnavailable(await submit(), "read-only file system");

    disk.remount("rw");
    expect((await submit()).status).toBe(201);
    await expectAcknowledgedOnly();
  });

  it("a database folder read-only at start on a writable disk: PGlite's bare failure is told apart by looking at the folder", async () => {
    await getStore();
    await stopStore();
    // The lock, beside the folder, can be written: PGlite is what fails, saying only that it could not start.
    disk.freezeNewFiles(dataDir);

    await expectUnavailable(
      await submit(),
      `The embedded database folder ${dataDir} is on a read-only file system: PGlite cannot start on it`,
    );

    disk.thaw();
    expect((await submit()).status).toBe(201);
    await expectAcknowledgedOnly();
  });

  it("a full disk at start: 503 naming the cause, then served once there is room", async () => {
    await getStore();
    await stopStore();
    const filler = disk.fill();

    await expectUnavailable(await submit(), `The disk holding the embedded database ${dataDir} is full`);

    await rm(filler);
    expect((await submit()).status).toBe(201);
    await expectAcknowledgedOnly();
  });

  it("a folder going read-only while running: 503, then after it is writable again the next request works", async () => {
    expect((await submit()).status).toBe(201);
    // Linux will not remount a disk read-only under files open for writing, as PGlite's are.
    expect(() => disk.remount("ro")).toThrow(/busy/);
    // So no new file can be created there any more, and the next write needs one: a new log segment.
    await (await port()).db.query("select pg_switch_wal()");
    disk.freezeNewFiles();

    await expectUnavailable(await submit(), `The embedded database folder ${dataDir} is on a read-only file system`);

    disk.thaw();
    expect((await submit()).status).toBe(201);
    expect((await submit()).status).toBe(201);
    await expectAcknowledgedOnly();
  });

  it("a full disk where a table needs room: 503, nothing half-written, every acknowledged answer kept", async () => {
    for (let i = 0; i < 3; i++) expect((await submit()).status).toBe(201);
    const filler = disk.fill();

    // The table's last page may still hold an answer or two; then PostgreSQL must extend the file.
    let response = await submit();
    while (response.status === 201 && acknowledged.length < 50) response = await submit();
    await expectUnavailable(response, `The disk holding the embedded database ${dataDir} is full`);
    await expectUnavailable(await submit(), "is full");

    await rm(filler);
    expect((await submit()).status).toBe(201);
    await expectAcknowledgedOnly();
  });

  it("a full disk where the log needs a new segment (a PANIC in PGlite): 503, reopened once there is room, every acknowledged answer kept", async () => {
    for (let i = 0; i < 3; i++) expect((await submit()).status).toBe(201);
    // The next write starts a new 16 MB log segment, which a full disk cannot hold.
    await (await port()).db.query("select pg_switch_wal()");
    const filler = disk.fill();

    await expectUnavailable(await submit(), `The disk holding the embedded database ${dataDir} is full`);
    // PGlite's instance is dead: the store reopens the folder, which fails while the disk is full. No hang.
    await expectUnavailable(await submit(), "is full");

    await rm(filler);
    // A failed reopen is retried after 5 s (the Retry-After): the form's retry gets through.
    let response = await submit();
    for (let waited = 0; response.status === 503 && waited < 10; waited++) {
      await new Promise((wait) => setTimeout(wait, 1000));
      response = await submit();
    }
    expect(response.status).toBe(201);
    await expectAcknowledgedOnly();
  });
});
