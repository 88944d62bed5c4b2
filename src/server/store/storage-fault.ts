/**
 * A disk that refuses writes, told apart from other failures so that the
 * embedded store answers 503 (retry later) and logs the cause, not a 500.
 *
 * How PGlite reports them (0.5, NodeFS; measured in tests/faults/): a full
 * disk is SQLSTATE 53100 "could not extend file …: No space left on device";
 * a read-only folder is 42501, the code PostgreSQL gives EROFS along with
 * EACCES, so only the text "Read-only file system" tells it apart. Both are
 * an ERROR (the statement rolled back, the instance still usable) when a
 * table needs room, and a PANIC when the write-ahead log does.
 */
import { access, constants, statfs } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** Why a folder takes no writes. */
export type StorageFault = "read-only" | "disk-full";

/** PostgreSQL's write-ahead log grows by segments of this size: less free space than that and PGlite cannot work. */
const WAL_SEGMENT_BYTES = 16 * 1024 * 1024;

/** What an error says about the disk: Node's errno codes, and PostgreSQL's as PGlite reports them. */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === "EROFS") return "read-only";
  if (code === "ENOSPC" || code === "EDQUOT" || code === "53100") return "disk-full";
  const text = typeof message === "string" ? message : "";
  if (text.includes("Read-only file system")) return "read-only";
  if (text.includes("No space left on device") || text.includes("Disk quota exceeded")) return "disk-full";
  return undefined;
}

/**
 * Looks at the folder itself, for errors that say nothing: PGlite answers
 * "PGlite failed to initialize properly" whatever kept it from starting.
 * The folder, or its nearest existing parent before the first start.
 */
export async function probeStorage(dataDir: string): Promise<StorageFault | undefined> {
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );
  let dir = resolve(dataDir);
  while (!(await exists(dir)) && dirname(dir) !== dir) dir = dirname(dir);
  const writable = await access(dir, constants.W_OK).then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error,
  );
  if (writable?.code === "EROFS") return "read-only";
  const stats = await statfs(dir).catch(() => undefined);
  if (stats && stats.bavail * stats.bsize < WAL_SEGMENT_BYTES) return "disk-full";
  return undefined;
}

/** The English sentence for logs and errors: the cause, the folder, what was refused and the fix. */
export function describeStorageFault(fault: StorageFault, dataDir: string, what: string): string {
  return fault === "read-only"
    ? `The embedded database folder ${dataDir} is on a read-only file system: ${what}. Remount it read-write (or set PGLITE_DATA_DIR to a writable folder); the store answers 503 until then.`
    : `The disk holding the embedded database ${dataDir} is full: ${what}. Free some space (PGlite needs 16 MB for its log); the store answers 503 until then.`;
}
