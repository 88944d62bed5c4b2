/**
 * Small disks for the fault suite (tests/faults/): a tmpfs of a few
 * megabytes mounted under a temporary folder, filled up, made read-only,
 * always unmounted afterwards. Mounting needs root, which CI has: there a
 * missing privilege fails the suite; elsewhere the disk tests are skipped
 * with the reason printed.
 */
import { execFileSync } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs a command (mount, umount), throwing with its stderr. */
export function sh(command: string, ...args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${command} ${args.join(" ")}: ${stderr?.trim() || String(error)}`);
  }
}

/** Why tmpfs cannot be mounted here, or undefined when it can (tried once, on a throwaway folder). */
export async function tmpfsUnavailable(): Promise<string | undefined> {
  let reason: string | undefined;
  if (process.getuid?.() !== 0) {
    reason = "mounting tmpfs needs root";
  } else {
    const probe = await mkdtemp(join(tmpdir(), "consultation-tmpfs-probe-"));
    try {
      sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe);
      sh("umount", probe);
    } catch (error) {
      reason = `cannot mount tmpfs: ${(error as Error).message}`;
    } finally {
      await rm(probe, { recursive: true, force: true });
    }
  }
  if (!reason) return undefined;
  const message = `${reason}: the disk fault tests are skipped. Run \`npm run test:faults\` as root (CI does).`;
  // A skipped suite must not pass for a green CI: .ci/run runs as root.
  if (process.env.CI) throw new Error(`CI: ${message}`);
  return message;
}

/** A disk of `megabytes` MB at `<temp>/disk`, with what stacks on it; `unmount()` undoes all of it. */
export class SmallDisk {
  private readonly mounts: string[] = [];
  private constructor(
    private readonly base: string,
    readonly path: string,
  ) {}

  static async mount(megabytes: number): Promise<SmallDisk> {
    const base = await mkdtemp(join(tmpdir(), "consultation-faults-"));
    const disk = new SmallDisk(base, join(base, "disk"));
    await mkdir(disk.path);
    sh("mount", "-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", disk.path);
    disk.mounts.push(disk.path);
    return disk;
  }

  /** Remounts the disk read-only or read-write: refused (busy) while a process has a file open on it for writing. */
  remount(mode: "ro" | "rw"): void {
    sh("mount", "-o", `remount,${mode}`, this.path);
  }

  /**
   * Stacks a read-only view of the disk (or of a folder on it) on its own path: from then on no file
   * can be created or opened for writing there, as on a disk gone read-only,
   * though the files a process already holds open stay writable (which is why
   * Linux refuses a plain read-only remount while they are open).
   */
  freezeNewFiles(path = this.path): void {
    sh("mount", "--bind", path, path);
    this.mounts.push(path);
    sh("mount", "-o", "remount,bind,ro", path);
  }

  /** Takes the last read-only view away. */
  thaw(): void {
    sh("umount", this.mounts.at(-1) as string);
    this.mounts.pop();
  }

  /** Fills the disk to its last byte with one file; returns the file, to delete to free the space. */
  fill(): string {
    const file = join(this.path, "filler");
    const fd = openSync(file, "w");
    const block = Buffer.alloc(64 * 1024);
    try {
      for (;;) writeSync(fd, block);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    } finally {
      closeSync(fd);
    }
    // The last bytes a 64 KB block did not fit in.
    const fdTail = openSync(file, "a");
    try {
      for (;;) writeSync(fdTail, Buffer.alloc(512));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    } finally {
      closeSync(fdTail);
    }
    return file;
  }

  /** Unmounts everything, the stacked views first, retrying while a process that just closed its files lets go. */
  async unmount(): Promise<void> {
    while (this.mounts.length > 0) {
      const path = this.mounts.at(-1) as string;
      for (let attempt = 0; ; attempt++) {
        try {
          sh("umount", path);
          break;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((wait) => setTimeout(wait, 250));
        }
      }
      this.mounts.pop();
    }
    await rm(this.base, { recursive: true, force: true });
  }
}
