import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCAL_SITE_URL, productionReason, siteUrlFromEnv } from "../../src/server/env";

describe("the site URL a build names itself by", () => {
  it("is SITE_URL, else Netlify's URL, else the local address: npm run build, npm test and npm start need nothing", () => {
    expect(siteUrlFromEnv({})).toBe("http://localhost:4321");
    expect(LOCAL_SITE_URL).toBe("http://localhost:4321");
    expect(siteUrlFromEnv({}, "http://localhost:4400")).toBe("http://localhost:4400");
    expect(siteUrlFromEnv({ URL: "https://mission.netlify.app" })).toBe("https://mission.netlify.app");
    expect(siteUrlFromEnv({ SITE_URL: "https://consultation.example.fr", URL: "https://mission.netlify.app" })).toBe(
      "https://consultation.example.fr",
    );
    // A blank line in .env is unset, as everywhere in src/server/env.ts.
    expect(siteUrlFromEnv({ SITE_URL: "  ", URL: "" }, "http://localhost:4400")).toBe("http://localhost:4400");
  });

  it("counts as production on the real clock or on Netlify, never because of NODE_ENV (astro build sets it)", () => {
    expect(productionReason({})).toBeUndefined();
    expect(productionReason({ NODE_ENV: "production" })).toBeUndefined();
    expect(productionReason({ CONSULTATION_CLOCK: "2018-05-15T10:00:00+02:00" })).toBeUndefined();
    expect(productionReason({ CONSULTATION_CLOCK: " real " })).toBe("CONSULTATION_CLOCK=real");
    expect(productionReason({ CONTEXT: "deploy-preview" })).toBe("CONTEXT=deploy-preview (a Netlify build)");
  });

  it("stops a production build that has none, naming SITE_URL, even when a local address is at hand", () => {
    for (const env of [
      { CONSULTATION_CLOCK: "real" },
      { CONTEXT: "production" },
      { CONSULTATION_CLOCK: "real", SITE_URL: " " },
    ]) {
      expect(() => siteUrlFromEnv(env)).toThrow(
        /^SITE_URL is not set for a production build \((CONSULTATION_CLOCK=real|CONTEXT=production \(a Netlify build\))\): .* would name http:\/\/localhost:4321\. Set SITE_URL to the site's public address/,
      );
      expect(() => siteUrlFromEnv(env, "http://localhost:4400")).toThrow(/would name http:\/\/localhost:4400/);
    }
    expect(siteUrlFromEnv({ CONSULTATION_CLOCK: "real", SITE_URL: "https://consultation.example.fr" })).toBe(
      "https://consultation.example.fr",
    );
    expect(siteUrlFromEnv({ CONTEXT: "production", URL: "https://mission.netlify.app" })).toBe(
      "https://mission.netlify.app",
    );
  });

  it.each(["consultation.example.fr", "ftp://example.fr", "https://", "localhost:4321"])(
    "refuses SITE_URL=%s, naming the variable and an example",
    (value) => {
      expect(() => siteUrlFromEnv({ SITE_URL: value })).toThrow(
        `SITE_URL="${value}" is not an absolute http(s) URL: set SITE_URL to the site's public address, e.g. SITE_URL=https://`,
      );
    },
  );
});

describe("astro.config.mjs", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const loadConfig = async () => (await import("../../astro.config.mjs")).default;
  const unsetSite = () => {
    vi.stubEnv("SITE_URL", "");
    vi.stubEnv("URL", "");
    vi.stubEnv("CONTEXT", "");
    vi.stubEnv("CONSULTATION_CLOCK", "");
  };

  it("takes its site from siteUrlFromEnv", async () => {
    unsetSite();
    expect((await loadConfig()).site).toBe("http://localhost:4321");
    vi.resetModules();
    vi.stubEnv("URL", "https://mission.netlify.app");
    expect((await loadConfig()).site).toBe("https://mission.netlify.app");
  });

  it("refuses to load for a production build without a site URL", async () => {
    unsetSite();
    vi.stubEnv("CONSULTATION_CLOCK", "real");
    await expect(loadConfig()).rejects.toThrow(
      /^SITE_URL is not set for a production build \(CONSULTATION_CLOCK=real\)/,
    );
  });
});

describe("npm run build (scripts/build.ts) for production without a site URL", () => {
  // Cheap: it stops while Astro loads its config (about 2 s), before any page or the database.
  it("exits with status 1 and the message naming SITE_URL, having written nothing", { timeout: 60_000 }, async () => {
    const scratch = await mkdtemp(join(tmpdir(), "site-url-"));
    try {
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries(process.env)) {
        if (value !== undefined && !["SITE_URL", "URL", "CONTEXT", "DATABASE_URL", "SUPABASE_URL"].includes(name)) {
          env[name] = value;
        }
      }
      const outDir = join(scratch, "site");
      const run = spawnSync(resolve("node_modules/.bin/tsx"), ["scripts/build.ts", "--outDir", outDir], {
        env: { ...env, CONSULTATION_CLOCK: "real", PGLITE_DATA_DIR: join(scratch, "pglite") },
        encoding: "utf8",
      });
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toContain(
        "[build] failed: Error: SITE_URL is not set for a production build (CONSULTATION_CLOCK=real)",
      );
      expect(existsSync(outDir)).toBe(false);
      expect(existsSync(join(scratch, "pglite"))).toBe(false);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
