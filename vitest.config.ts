import { configDefaults, defineConfig } from "vitest/config";

/**
 * `npm test`: everything but the browser suite (tests/e2e, `npm run test:e2e`),
 * the PostgreSQL suites (`npm run test:db`, and the bundled functions,
 * tests/bundles, `npm run test:bundles`), the fuzz and load suite
 * (tests/load, `npm run test:load`) and the fault suite (tests/faults,
 * `npm run test:faults`), which need Chromium, a server, minutes, or root.
 */
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: [
      ...configDefaults.exclude,
      "tests/e2e/**",
      "tests/load/**",
      "tests/faults/**",
      "tests/bundles/**",
      "tests/db/postgres.test.ts",
    ],
    // Opening and migrating an in-memory PGlite takes ~3 s, more on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
