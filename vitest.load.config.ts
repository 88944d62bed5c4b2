import { defineConfig } from "vitest/config";

/** `npm run test:load`: fuzzing every endpoint and concurrent submissions through HTTP. */
export default defineConfig({
  test: {
    include: ["tests/load/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
