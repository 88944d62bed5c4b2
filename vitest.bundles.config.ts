import { defineConfig } from "vitest/config";

/**
 * `npm run test:bundles`: the functions bundled by zip-it-and-ship-it, run by plain node on a
 * real PostgreSQL server (DATABASE_URL), against npm start over the sources.
 */
export default defineConfig({
  test: {
    include: ["tests/bundles/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
