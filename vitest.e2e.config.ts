import { defineConfig } from "vitest/config";

/** `npm run test:e2e`: real Chromium against a server the suite starts itself. One file at a time. */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
