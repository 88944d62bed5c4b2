import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionsDirFromEnv, localServerEnv, trustProxyFromEnv } from "../../src/server/http/local-server-env";

describe("local server settings", () => {
  it("default to port 4321, dist/, netlify/functions/ and no proxy", () => {
    expect(localServerEnv({})).toEqual({
      port: 4321,
      trustProxy: false,
      distDir: resolve("dist"),
      functionsDir: resolve("netlify/functions"),
    });
  });

  it("read PORT, 0 included (any free port)", () => {
    expect(localServerEnv({ PORT: "8080" }).port).toBe(8080);
    expect(localServerEnv({ PORT: " 0 " }).port).toBe(0);
    expect(localServerEnv({ PORT: "" }).port).toBe(4321);
  });

  it.each(["abc", "65536", "-1", "80.5", "8080x", "1e3"])("refuse PORT=%s, naming the variable and the fix", (port) => {
    expect(() => localServerEnv({ PORT: port })).toThrow(
      `PORT="${port}" is not a port number: use an integer from 1 to 65535`,
    );
  });

  it("trust a proxy only when TRUST_PROXY=1", () => {
    expect(trustProxyFromEnv({})).toBe(false);
    expect(trustProxyFromEnv({ TRUST_PROXY: "0" })).toBe(false);
    expect(trustProxyFromEnv({ TRUST_PROXY: "1" })).toBe(true);
    expect(() => trustProxyFromEnv({ TRUST_PROXY: "yes" })).toThrow(
      /TRUST_PROXY="yes" is not valid: set TRUST_PROXY=1 only/,
    );
  });

  it("resolve DIST_DIR and FUNCTIONS_DIR from the working directory", () => {
    expect(localServerEnv({ DIST_DIR: "tests/fixtures/site" }).distDir).toBe(resolve("tests/fixtures/site"));
    expect(functionsDirFromEnv({ FUNCTIONS_DIR: "/srv/functions" })).toBe("/srv/functions");
  });
});

/** Runs `npm start`'s command, `tsx scripts/start.ts`, with these settings. */
function start(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  return Object.assign(child, { output: () => output });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once("exit", (code) => done(code));
  });

describe("npm start (scripts/start.ts)", () => {
  let scratch: string;
  let server: ReturnType<typeof start>;
  let origin: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "start-"));
    const site = join(scratch, "site");
    await cp(resolve("tests/fixtures/site"), site, { recursive: true });
    // Newer than any source, so that the script serves the fixture instead of
    // building the real site over it.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await utimes(join(site, "index.html"), tomorrow, tomorrow);

    server = start({ PORT: "0", DIST_DIR: site, FUNCTIONS_DIR: "tests/fixtures/functions" });
    const port = await new Promise<string>((ready, fail) => {
      server.stdout?.on("data", () => {
        const found = /ready at http:\/\/localhost:(\d+)\//.exec(server.output());
        if (found?.[1]) ready(found[1]);
      });
      server.once("exit", () => fail(new Error(`scripts/start.ts exited:\n${server.output()}`)));
    });
    origin = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill("SIGKILL");
      await exited(server);
    }
    await rm(scratch, { recursive: true, force: true });
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`${origin}${path}`, { redirect: "manual", ...init });

  it("says where it serves, and how many functions", () => {
    expect(server.output()).toMatch(/\[start\] ready at http:\/\/localhost:\d+\/ \(.*site, 4 functions\)/);
  });

  it("serves a page, redirects a folder to its slash form, and answers 404 with the 404 page", async () => {
    expect(await (await get("/")).text()).toContain("Fixture home");
    const bare = await get("/themes");
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/themes/");
    const missing = await get("/nowhere/");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Fixture 404");
  });

  it("runs the functions under /api/, and answers the API's JSON 404 for unknown ones", async () => {
    const echo = await get("/api/items/42?x=1", { method: "POST", body: "bonjour" });
    expect(echo.status).toBe(200);
    expect(await echo.json()).toMatchObject({
      method: "POST",
      params: { id: "42" },
      ip: "127.0.0.1",
      body: "bonjour",
      url: `${origin}/api/items/42?x=1`,
    });
    const reaction = await get("/api/contributions/7/reactions", { method: "POST" });
    expect(reaction.status).toBe(201);
    expect(await reaction.json()).toEqual({ contribution: "7", reaction: "support" });
    // A method outside the fixture's config.method, and a path no function
    // claims: api-not-found's JSON 404, as netlify.toml's /api/* rewrite gives on Netlify.
    for (const [path, method] of [
      ["/api/contributions/7/reactions", "GET"],
      ["/api/unknown", "POST"],
      ["/api/", "GET"],
    ] as const) {
      const missing = await get(path, { method });
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get("content-type"), path).toBe("application/json; charset=utf-8");
      expect(await missing.json(), path).toMatchObject({ error: "not_found", issues: [] });
    }
    // Outside /api/, the site's 404 page still.
    expect(await (await get("/nowhere/")).text()).toContain("Fixture 404");
  });

  it("answers a failing function with the API's 500, and logs the error", async () => {
    const failing = await get("/api/broken", { method: "POST" });
    expect(failing.status).toBe(500);
    expect(await failing.json()).toMatchObject({ error: "internal_error", issues: [] });
    expect(server.output()).toMatch(
      /\[functions\] POST \/api\/broken failed in tests\/fixtures\/functions\/broken\.ts/,
    );
  });

  it("stops on SIGTERM after running the shutdown hooks, with status 0", async () => {
    server.kill("SIGTERM");
    expect(await exited(server)).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: stopping[\s\S]*fixture: shutdown hook ran[\s\S]*\[start\] stopped/);
  });
});

describe("npm start with an invalid setting", () => {
  it("exits with status 1 and a message naming the variable", async () => {
    const server = start({ PORT: "http" });
    expect(await exited(server)).toBe(1);
    expect(server.output()).toMatch(/^\[start\] PORT="http" is not a port number/);
    expect(server.output()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
