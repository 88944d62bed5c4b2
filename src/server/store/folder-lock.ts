/**
 * A PGlite folder belongs to one process at a time: two would corrupt it.
 * `<dataDir>.lock`, beside the folder, names its owner: the pid, and on Linux
 * the process's start time (field 22 of /proc/<pid>/stat) and the boot id,
 * because a pid alone is reused, after a reboot or a container restart
 * above all, and a lock naming a pid now worn by an unrelated process would
 * refuse the folder until someone deletes the file.
 *
 * The lock appears whole or not at all: the content is written to a file of
 * our own, then hard-linked to the lock's name, which fails if the name
 * exists (as an `open(…, 'wx')` would, but a reader never sees a half-written
 * lock). A stale lock is removed only under a second lock,
 * `<dataDir>.lock.takeover`, taken the same way, after reading it again: of
 * several processes that find the same stale lock, one replaces it and the
 * others then find a live owner.
 */
import { randomBytes } from "node:crypto";
import { link, open, readFile, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { StoreUnavailableError } from "./sql-port";
import { describeStorageFault, storageFaultOf } from "./storage-fault";

/** What the lock file says about its owner. Written as JSON; a bare pid is the format before this one. */
const lockOwnerSchema = z.object({
  /** The owner's process id. */
  pid: z.number().int().positive(),
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent off Linux. */
  startTime: z.string().regex(/^\d+$/).optional(),
  /** /proc/sys/kernel/random/boot_id; absent off Linux. */
  bootId: z.string().min(1).optional(),
});
type LockOwner = z.infer<typeof lockOwnerSchema>;

/** Clock ticks per second of /proc/<pid>/stat: USER_HZ, 100 on every Linux architecture Node runs on. */
const USER_HZ = 100;

/**
 * An old-format lock (a bare pid) is taken over when its pid is worn by a
 * process that started after the lock was written, with this margin for the
 * rounding of the boot time to the second and small clock adjustments: a
 * wrong "stale" would let two processes open one folder, a wrong "live" only
 * asks for the file to be deleted.
 */
const OLD_LOCK_MARGIN_MS = 5_000;

/** Takes the folder's lock, or throws StoreUnavailableError naming the live owner or what kept the lock from being written. */
export async function takeFolderLock(dataDir: string): Promise<void> {
  const file = lockPath(dataDir);
  const mine = JSON.stringify(await ownerOf(process.pid));
  const draft = `${file}.${process.pid}-${randomBytes(4).toString("hex")}`;
  const takeover = `${file}.takeover`;
  try {
    await writeFile(draft, mine, { flag: "wx" });
    // Each round that does not succeed saw another process write, replace or release the lock meanwhile.
    for (let round = 0; round < 50; round++) {
      if (await linked(draft, file)) return;
      const found = await readLock(file);
      if (!found) continue;
      if (await isLiveOwner(found.content, found.mtimeMs)) {
        throw new StoreUnavailableError(
          `The embedded database ${dataDir} is in use by process ${found.pid} (npm run dev or npm start?). Stop it first: one process per database folder.`,
        );
      }
      if (!(await linked(draft, takeover))) {
        // Another process is replacing it; or died doing so, which leaves a takeover lock as stale as any.
        const other = await readLock(takeover);
        if (other && !(await isLiveOwner(other.content, other.mtimeMs))) await rm(takeover, { force: true });
        else await new Promise((wait) => setTimeout(wait, 20));
        continue;
      }
      try {
        const again = await readLock(file);
        if (again?.content === found.content) await rm(file, { force: true });
      } finally {
        await rm(takeover, { force: true });
      }
    }
    throw new StoreUnavailableError(
      `Cannot take the lock ${file} of the embedded database ${dataDir}: other processes keep writing it. Start one process per database folder.`,
    );
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    const fault = storageFaultOf(error);
    throw new StoreUnavailableError(
      fault
        ? describeStorageFault(fault, dataDir, `cannot write its lock ${file}`)
        : `Cannot write the lock ${file} of the embedded database ${dataDir}: ${String(error)}`,
      { cause: error },
    );
  } finally {
    await rm(draft, { force: true }).catch(() => {});
  }
}

/** Removes the folder's lock if this process holds it. */
export async function releaseFolderLock(dataDir: string): Promise<void> {
  const file = lockPath(dataDir);
  const found = await readLock(file).catch(() => undefined);
  if (found?.pid === process.pid) await rm(file, { force: true });
}

/** Hard-links `draft` to `name`: false if `name` exists. */
async function linked(draft: string, name: string): Promise<boolean> {
  try {
    await link(draft, name);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function lockPath(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

/** The lock's content, its owner's pid and when it was written; undefined when there is no lock (any more). */
async function readLock(file: string): Promise<{ content: string; pid: number; mtimeMs: number } | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const [content, stats] = await Promise.all([handle.readFile("utf8"), handle.stat()]);
    return { content, pid: parseLock(content)?.pid ?? 0, mtimeMs: stats.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** Either format; undefined for anything else (an empty or garbled file names no owner). */
function parseLock(content: string): LockOwner | undefined {
  const text = content.trim();
  if (/^\d+$/.test(text)) return lockOwnerSchema.safeParse({ pid: Number(text) }).data;
  try {
    return lockOwnerSchema.safeParse(JSON.parse(text)).data;
  } catch {
    return undefined;
  }
}

/** True when the lock's owner is a live process that is not this one, as far as can be told. */
async function isLiveOwner(content: string, mtimeMs: number): Promise<boolean> {
  const owner = parseLock(content);
  // Our own pid: a lock of ours left by an earlier open, or of a dead predecessor that wore our pid.
  if (!owner || owner.pid === process.pid || !isAlive(owner.pid)) return false;
  const now = await ownerOf(owner.pid);
  if (owner.bootId && now.bootId && owner.bootId !== now.bootId) return false;
  if (owner.startTime) return !now.startTime || owner.startTime === now.startTime;
  // The old format names no start time: a process that started after the lock was written did not write it.
  if (!now.startTime) return true;
  const started = await startedAtMs(now.startTime);
  return started === undefined || started <= mtimeMs + OLD_LOCK_MARGIN_MS;
}

/** The identity of a process: its pid, and on Linux its start time and the boot id. */
async function ownerOf(pid: number): Promise<LockOwner> {
  const [stat, bootId] = await Promise.all([
    readFile(`/proc/${pid}/stat`, "utf8").catch(() => ""),
    readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => ""),
  ]);
  // The command name (field 2) may hold spaces and parentheses: count the fields after its last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const startTime = stat ? fields[22 - 3] : undefined;
  return {
    pid,
    ...(startTime && /^\d+$/.test(startTime) ? { startTime } : {}),
    ...(bootId.trim() ? { bootId: bootId.trim() } : {}),
  };
}

/** Wall-clock start of a process from its start time in ticks and the boot time in /proc/stat. */
async function startedAtMs(startTime: string): Promise<number | undefined> {
  const btime = /^btime (\d+)$/m.exec(await readFile("/proc/stat", "utf8").catch(() => ""))?.[1];
  return btime ? Number(btime) * 1000 + (Number(startTime) / USER_HZ) * 1000 : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
