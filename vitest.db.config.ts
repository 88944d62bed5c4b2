import { defineConfig } from "vitest/config";

/** `npm run test:db`: the store contract and the summary on a real PostgreSQL server (DATABASE_URL). */
export default defineConfig({
  test: {
    include: ["tests/db/postgres.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
