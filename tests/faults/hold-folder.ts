/**
 * Another process for the lock tests (folder-lock.test.ts), run as
 * `node --import tsx tests/faults/hold-folder.ts <store|lock> <dataDir> [startAt]`:
 * opens the embedded store on the folder (`store`), or only takes its lock
 * (`lock`, at the instant `startAt` in ms, so that several start at once),
 * prints one JSON line saying whether it won, and holds on until SIGTERM.
 */
import { parseEnv } from "../../src/server/env";
import { releaseFolderLock, takeFolderLock } from "../../src/server/store/folder-lock";
import { openStore } from "../../src/server/store/open-store";

const [mode, dataDir, startAt] = process.argv.slice(2);
if ((mode !== "store" && mode !== "lock") || !dataDir)
  throw new Error("usage: hold-folder.ts <store|lock> <dataDir> [startAt]");

let release = async () => {};
try {
  if (mode === "store") {
    const opened = await openStore(parseEnv({ PGLITE_DATA_DIR: dataDir, CONSULTATION_CLOCK: "real" }));
    release = () => opened.store.close();
  } else {
    await new Promise((wait) => setTimeout(wait, Math.max(0, Number(startAt ?? 0) - Date.now())));
    await takeFolderLock(dataDir);
    release = () => releaseFolderLock(dataDir);
  }
  console.log(JSON.stringify({ pid: process.pid, won: true }));
} catch (error) {
  console.log(JSON.stringify({ pid: process.pid, won: false, message: (error as Error).message }));
}
process.on("SIGTERM", () => {
  release().finally(() => process.exit(0));
});
setInterval(() => {}, 60_000);
