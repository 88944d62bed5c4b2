import { defineConfig } from "vitest/config";

/**
 * `npm run test:faults`: the embedded store on a disk that refuses writes
 * (tmpfs mounted read-only or filled: needs root, as CI has) and its folder
 * lock against stale and live owners. One file at a time: each mounts disks.
 */
export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
