import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/server/env";

const salt = "0123456789abcdef0123456789abcdef";

describe("server environment", () => {
  it("defaults to the embedded store in .data/pglite", () => {
    expect(parseEnv({})).toEqual({
      store: { driver: "pglite", dataDir: ".data/pglite", seedDemonstration: true },
      hashSalt: undefined,
      moderatorToken: undefined,
      buildHookUrl: undefined,
    });
  });

  it("never falls back to the demonstration database on Netlify or on the real clock", () => {
    for (const context of ["production", "deploy-preview"]) {
      expect(() => parseEnv({ CONTEXT: context, CONSULTATION_CLOCK: "real" })).toThrow(
        new RegExp(`no database is configured on Netlify \\(CONTEXT=${context}\\): set SUPABASE_URL`),
      );
    }
    expect(() => parseEnv({ CONTEXT: "production", PGLITE_DATA_DIR: ".data/x" })).toThrow(/SUPABASE_URL/);
    expect(() => parseEnv({ CONSULTATION_CLOCK: "real" })).toThrow(
      /CONSULTATION_CLOCK=real with no database: set SUPABASE_URL .* or PGLITE_DATA_DIR/,
    );
    // An embedded database chosen on purpose runs on the real clock, without the demonstration data.
    expect(parseEnv({ CONSULTATION_CLOCK: "real", PGLITE_DATA_DIR: ".data/mine" }).store).toEqual({
      driver: "pglite",
      dataDir: ".data/mine",
      seedDemonstration: false,
    });
    const database = { DATABASE_URL: "postgres://u@h/db", HASH_SALT: salt, CONSULTATION_CLOCK: "real" };
    expect(parseEnv({ ...database, CONTEXT: "production" }).store.driver).toBe("postgres");
  });

  it("treats blank values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  ", SUPABASE_URL: "" }).store.driver).toBe("pglite");
  });

  it("picks postgres.js with DATABASE_URL, and Supabase when both Supabase variables are set", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@localhost:5432/db", HASH_SALT: salt }).store).toEqual({
      driver: "postgres",
      url: "postgres://u@localhost:5432/db",
    });
    expect(
      parseEnv({ SUPABASE_URL: "https://x.supabase.co", SUPABASE_SERVICE_ROLE_KEY: "k".repeat(40), HASH_SALT: salt })
        .store,
    ).toEqual({ driver: "supabase", url: "https://x.supabase.co", serviceRoleKey: "k".repeat(40) });
  });

  it("names the missing or wrong variable and how to fix it", () => {
    expect(() => parseEnv({ SUPABASE_URL: "https://x.supabase.co", HASH_SALT: salt })).toThrow(
      /SUPABASE_SERVICE_ROLE_KEY is missing/,
    );
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must start with postgres:\/\//);
    expect(() => parseEnv({ DATABASE_URL: "postgres://u@h/db" })).toThrow(/HASH_SALT is required/);
    expect(() => parseEnv({ HASH_SALT: "court" })).toThrow(/HASH_SALT must be at least 32 characters/);
  });

  it("refuses the old limit variables, naming the database setting that replaced each", () => {
    expect(() => parseEnv({ RATE_LIMIT_MAX: "100" })).toThrow(/RATE_LIMIT_MAX is no longer read.*'submission_max'/);
    expect(() => parseEnv({ RATE_LIMIT_WINDOW_SECONDS: "60" })).toThrow(/'submission_window_seconds'/);
    expect(() => parseEnv({ FLAG_THRESHOLD: "5" })).toThrow(
      /FLAG_THRESHOLD is no longer read.*'flag_networks_for_review'/,
    );
    // Blank, as in an .env line left empty, is unset.
    expect(() => parseEnv({ RATE_LIMIT_MAX: "" })).not.toThrow();
  });
});
