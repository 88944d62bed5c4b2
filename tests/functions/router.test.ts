import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Context } from "@netlify/functions";
import { parse } from "smol-toml";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as apiNotFound from "../../netlify/functions/api-not-found";
import {
  importWithNode,
  importWithVite,
  listFunctionFiles,
  loadFunctions,
  type ModuleImporter,
} from "../../src/server/http/function-loader";
import {
  API_FALLBACK,
  compilePathPattern,
  createFunctionRouter,
  type FunctionSource,
} from "../../src/server/http/function-router";

const fixtures = resolve("tests/fixtures/functions");

/** A function module as the loader returns it, from a handler and its config. */
const source = (file: string, handler: unknown, config?: unknown): FunctionSource => ({
  file,
  module: config === undefined ? { default: handler } : { default: handler, config },
});

/** A handler answering with its params, and the route it was reached by. */
const echo = (name: string) => async (_req: Request, context: Context) =>
  Response.json({ name, params: context.params });

const request = (path: string, method = "GET") => new Request(`http://localhost:4321${path}`, { method });

const noWarnings = () => {};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("config.path patterns", () => {
  it("matches literal paths exactly: case, trailing slash and the whole pathname count", () => {
    const pattern = compilePathPattern("/api/contributions");
    expect(pattern.match("/api/contributions")).toEqual({});
    expect(pattern.match("/api/contributions/")).toBeUndefined();
    expect(pattern.match("/api/Contributions")).toBeUndefined();
    expect(pattern.match("/api/contributions/1")).toBeUndefined();
    expect(pattern.match("/x/api/contributions")).toBeUndefined();
  });

  it("treats regular-expression characters as text", () => {
    const pattern = compilePathPattern("/api/feed.json");
    expect(pattern.match("/api/feed.json")).toEqual({});
    expect(pattern.match("/api/feedxjson")).toBeUndefined();
  });

  it("captures :name parameters, one non-empty segment each, left percent-encoded like URLPattern", () => {
    const pattern = compilePathPattern("/api/contributions/:id/reactions");
    expect(pattern.match("/api/contributions/42/reactions")).toEqual({ id: "42" });
    expect(pattern.match("/api/contributions/%C3%A9t%C3%A9/reactions")).toEqual({ id: "%C3%A9t%C3%A9" });
    expect(pattern.match("/api/contributions//reactions")).toBeUndefined();
    expect(pattern.match("/api/contributions/4/2/reactions")).toBeUndefined();
    expect(compilePathPattern("/api/:theme/:question").match("/api/emploi/q-1")).toEqual({
      theme: "emploi",
      question: "q-1",
    });
    expect(compilePathPattern("/api/export/:name.csv").match("/api/export/themes.csv")).toEqual({ name: "themes" });
  });

  it("captures * as numbered groups, slashes included, possibly empty", () => {
    const pattern = compilePathPattern("/api/files/*");
    expect(pattern.match("/api/files/a/b.txt")).toEqual({ "0": "a/b.txt" });
    expect(pattern.match("/api/files/")).toEqual({ "0": "" });
    expect(pattern.match("/api/files")).toBeUndefined();
    expect(compilePathPattern("/api/:kind/*").match("/api/photos/2018/mai")).toEqual({
      kind: "photos",
      "0": "2018/mai",
    });
  });

  it("follows the rest of URLPattern's syntax, as Netlify does", () => {
    expect(compilePathPattern("/api/items/:id?").match("/api/items")).toEqual({ id: "" });
    expect(compilePathPattern("/api/items/:id(\\d+)").match("/api/items/42")).toEqual({ id: "42" });
    expect(compilePathPattern("/api/items/:id(\\d+)").match("/api/items/abc")).toBeUndefined();
    expect(compilePathPattern("/api{/old}?/list").match("/api/old/list")).toEqual({});
  });

  it.each(["/api/:id/:id", "/api/:/x", "/api/("])("refuses a pattern URLPattern refuses, naming it: %s", (pattern) => {
    expect(() => compilePathPattern(pattern)).toThrow(`path "${pattern}" is not a valid URLPattern pathname`);
  });
});

describe("function router", () => {
  const router = createFunctionRouter(
    [
      source("netlify/functions/reactions.ts", echo("reactions"), {
        path: "/api/contributions/:id/reactions",
        method: "POST",
      }),
      source("netlify/functions/flags.ts", echo("flags"), {
        path: ["/api/contributions/:id/flags", "/api/flags/:id"],
        method: ["POST", "DELETE"],
      }),
      source("netlify/functions/read.ts", echo("read"), { path: "/api/contributions/:id/reactions", method: "GET" }),
      source("netlify/functions/any.ts", echo("any"), { path: "/api/any/*", excludedPath: "/api/any/private/*" }),
      source("netlify/functions/first.ts", echo("first"), { path: "/api/same" }),
      source("netlify/functions/second.ts", echo("second"), { path: "/api/same" }),
    ],
    noWarnings,
  );

  const answer = async (path: string, method = "GET") => {
    const response = await router.handle(request(path, method), { ip: "192.0.2.1" });
    return response && { status: response.status, allow: response.headers.get("allow"), body: await response.json() };
  };

  it("routes by path and method, with the parameters of the matching pattern", async () => {
    expect(await answer("/api/contributions/42/reactions", "POST")).toMatchObject({
      status: 200,
      body: { name: "reactions", params: { id: "42" } },
    });
    expect(await answer("/api/contributions/42/reactions", "GET")).toMatchObject({ body: { name: "read" } });
    expect(await answer("/api/flags/7", "DELETE")).toMatchObject({ body: { name: "flags", params: { id: "7" } } });
    expect(await answer("/api/any/thing/else", "PUT")).toMatchObject({
      body: { name: "any", params: { "0": "thing/else" } },
    });
  });

  it("ignores the query string", async () => {
    expect(await answer("/api/flags/7?from=list", "POST")).toMatchObject({ body: { params: { id: "7" } } });
  });

  it("gives a path claimed twice to the first function listed", async () => {
    expect(await answer("/api/same")).toMatchObject({ body: { name: "first" } });
  });

  it("leaves a method outside config.method to the static site, as Netlify does", async () => {
    expect(await answer("/api/contributions/42/reactions", "PUT")).toBeUndefined();
    expect(await answer("/api/flags/7", "GET")).toBeUndefined();
  });

  it("falls through (undefined) when no function claims the path", async () => {
    expect(await answer("/api/unknown", "POST")).toBeUndefined();
    expect(await answer("/api/contributions/42", "POST")).toBeUndefined();
    expect(await answer("/themes/")).toBeUndefined();
    expect(await answer("/api/any/private/x")).toBeUndefined();
  });

  it("lists its routes", () => {
    expect(router.routes[0]).toEqual({
      file: "netlify/functions/reactions.ts",
      paths: ["/api/contributions/:id/reactions"],
      methods: ["POST"],
    });
    expect(router.routes[3]?.methods).toBeUndefined();
  });
});

describe("the API's JSON 404 (API_FALLBACK), as netlify.toml's /api/* rewrite gives it on Netlify", () => {
  const warn = vi.fn();
  const router = createFunctionRouter(
    [
      { file: "netlify/functions/api-not-found.ts", module: apiNotFound },
      source("netlify/functions/reactions.ts", echo("reactions"), {
        path: "/api/contributions/:id/reactions",
        method: "POST",
      }),
      source("netlify/functions/any.ts", echo("any"), { path: "/api/any/*" }),
    ],
    warn,
  );
  const answer = async (path: string, method = "GET") => {
    const response = await router.handle(request(path, method), { ip: "192.0.2.1" });
    return (
      response && { status: response.status, type: response.headers.get("content-type"), body: await response.json() }
    );
  };
  const notFound = {
    status: 404,
    type: "application/json; charset=utf-8",
    body: { error: "not_found", message: expect.stringContaining("aucun service de l'API"), issues: [] },
  };

  it("answers every /api/ path no function claims, whatever the method", async () => {
    for (const method of ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"]) {
      const response = await router.handle(request("/api/inconnu", method), { ip: "192.0.2.1" });
      expect(response?.status, method).toBe(404);
    }
    expect(await answer("/api/inconnu", "POST")).toEqual(notFound);
    expect(await answer("/api/contributions/42")).toEqual(notFound);
    // A method outside config.method reaches the rewrite on Netlify too.
    expect(await answer("/api/contributions/42/reactions", "GET")).toEqual(notFound);
  });

  it("comes after every other route, whatever the order of the files, and leaves the site alone", async () => {
    expect(await answer("/api/contributions/42/reactions", "POST")).toMatchObject({ body: { name: "reactions" } });
    expect(await answer("/api/any/thing")).toMatchObject({ body: { name: "any" } });
    expect(await answer("/themes/")).toBeUndefined();
    expect(router.routes.at(-1)).toEqual({
      file: "netlify/functions/api-not-found.ts",
      paths: ["/api/*"],
      methods: undefined,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it("is the rule netlify.toml declares, to a function without a path", async () => {
    const toml = parse(await readFile("netlify.toml", "utf8")) as { redirects?: Record<string, unknown>[] };
    expect(toml.redirects).toContainEqual({
      from: API_FALLBACK.path,
      to: `/.netlify/functions/${API_FALLBACK.name}`,
      status: 200,
    });
    // Forced, the rewrite would take every /api/ path from its function.
    expect(toml.redirects?.find((rule) => rule.from === API_FALLBACK.path)?.force).toBeUndefined();
    expect(apiNotFound).not.toHaveProperty("config");
  });
});

describe("function context", () => {
  const contextOf = async (ip = "203.0.113.9") => {
    let received: Context | undefined;
    const router = createFunctionRouter(
      [
        source(
          "netlify/functions/probe.ts",
          (_req: Request, context: Context) => {
            received = context;
            return new Response(null, { status: 204 });
          },
          { path: "/api/probe/:id" },
        ),
      ],
      noWarnings,
    );
    await router.handle(request("/api/probe/abc?x=1", "POST"), { ip });
    return received!;
  };

  it("carries the params, the client's IP and a fresh request id", async () => {
    const first = await contextOf();
    const second = await contextOf();
    expect(first.params).toEqual({ id: "abc" });
    expect(first.ip).toBe("203.0.113.9");
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it("gives the fields that mean the same locally", async () => {
    const context = await contextOf();
    expect(context.url.href).toBe("http://localhost:4321/api/probe/abc?x=1");
    expect(context.site.url).toBe("http://localhost:4321");
    expect(context.deploy).toEqual({ context: "dev", id: "0", published: false });
    expect(context.geo).toEqual({});
    expect(await context.json({ ok: true }).json()).toEqual({ ok: true });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    context.log("hello");
    expect(log).toHaveBeenCalledWith("[netlify/functions/probe.ts]", "hello");
  });

  it("reports a failed waitUntil promise instead of leaving it unhandled", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const context = await contextOf();
    context.waitUntil(Promise.reject(new Error("late failure")));
    await new Promise((done) => setTimeout(done, 0));
    expect(error).toHaveBeenCalledWith(expect.stringContaining("waitUntil"), expect.any(Error));
  });

  it("throws, naming the field, for what it does not provide", async () => {
    const context = await contextOf();
    expect(() => context.cookies).toThrow(/probe\.ts: context\.cookies is not provided by the local function server/);
    expect(() => context.account).toThrow(/context\.account/);
    expect(() => context.next()).toThrow(/context\.next\(\)/);
  });
});

describe("a function that fails", () => {
  const failing = (handler: unknown) =>
    createFunctionRouter([source("netlify/functions/broken.ts", handler, { path: "/api/broken" })], noWarnings);

  it("answers 500 in the API's error shape, without the error, and logs it in English", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const router = failing(async () => {
      throw new Error("connection to postgres://admin:secret@db failed");
    });
    const response = await router.handle(request("/api/broken", "POST"), { ip: "192.0.2.1" });
    expect(response?.status).toBe(500);
    expect(response?.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response!.text();
    expect(JSON.parse(text)).toEqual({
      error: "internal_error",
      message: "Une erreur inattendue est survenue. Votre texte n'a pas été perdu : réessayez dans un instant.",
      issues: [],
    });
    expect(text).not.toMatch(/secret|postgres|at |\.ts/);
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toMatch(
      /^\[functions\] POST \/api\/broken failed in netlify\/functions\/broken\.ts \(request [0-9a-f-]{36}\):$/,
    );
    expect(log.mock.calls[0]?.[1]).toMatchObject({ message: expect.stringMatching(/secret/) });
  });

  it("answers 500 when the handler returns something other than a Response", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await failing(() => ({ status: 200 })).handle(request("/api/broken"), { ip: "192.0.2.1" });
    expect(response?.status).toBe(500);
    expect(String(log.mock.calls[0]?.[1])).toMatch(/returned object instead of a Response/);
  });
});

describe("function modules the router refuses or skips", () => {
  it.each([
    [
      { config: { path: "/api/x" } },
      /netlify\/functions\/x\.ts:[\s\S]*export default async \(req: Request, context: Context\)/,
    ],
    [{ default: () => {}, config: { path: "api/x" } }, /x\.ts:[\s\S]*must start with "\/"[\s\S]*config\.path/],
    [{ default: () => {}, config: { path: "/api/x", method: "post" } }, /x\.ts:[\s\S]*upper case[\s\S]*config\.method/],
    [{ default: () => {}, config: { path: "/api/:id/:id" } }, /^netlify\/functions\/x\.ts: path "\/api\/:id\/:id"/],
  ])("refuses an invalid module, naming the file: %j", (module, message) => {
    expect(() => createFunctionRouter([{ file: "netlify/functions/x.ts", module }], noWarnings)).toThrow(message);
  });

  it("warns about functions the local servers will not reach, but not about scheduled ones", () => {
    const warn = vi.fn();
    const router = createFunctionRouter(
      [
        source("netlify/functions/nopath.ts", echo("nopath")),
        source("netlify/functions/elsewhere.ts", echo("elsewhere"), { path: "/feed" }),
        source("netlify/functions/nightly.ts", echo("nightly"), { schedule: "@daily" }),
      ],
      warn,
    );
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(/^netlify\/functions\/nopath\.ts has no config\.path/),
      expect.stringMatching(/^netlify\/functions\/elsewhere\.ts: path "\/feed" is outside \/api\//),
    ]);
    expect(router.routes.map((route) => route.file)).toEqual(["netlify/functions/elsewhere.ts"]);
  });
});

describe("function loader", () => {
  let vite: ViteDevServer;
  let scratch: string;

  beforeAll(async () => {
    vite = await createServer({
      configFile: false,
      logLevel: "silent",
      appType: "custom",
      server: { middlewareMode: true, hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    scratch = await mkdtemp(join(tmpdir(), "functions-"));
  });

  afterAll(async () => {
    await vite.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("lists the top-level .ts files only, sorted", async () => {
    expect(await listFunctionFiles(fixtures)).toEqual([
      join(fixtures, "api-not-found.ts"),
      join(fixtures, "broken.ts"),
      join(fixtures, "echo.ts"),
      join(fixtures, "reactions.ts"),
    ]);
  });

  it("finds no functions in a folder that does not exist", async () => {
    expect(await listFunctionFiles(join(scratch, "missing"))).toEqual([]);
  });

  const importers: [string, () => ModuleImporter][] = [
    ["Node's import()", () => importWithNode],
    ["Vite's ssrLoadModule", () => importWithVite(vite)],
  ];

  describe.each(importers)("with %s", (_name, importer) => {
    it("loads the functions, named relative to the root, ready to route", async () => {
      const sources = await loadFunctions(fixtures, importer());
      expect(sources.map((loaded) => loaded.file)).toEqual([
        "tests/fixtures/functions/api-not-found.ts",
        "tests/fixtures/functions/broken.ts",
        "tests/fixtures/functions/echo.ts",
        "tests/fixtures/functions/reactions.ts",
      ]);
      const router = createFunctionRouter(sources, noWarnings);
      const response = await router.handle(
        new Request("http://localhost:4321/api/items/42", { method: "POST", body: "hello" }),
        { ip: "192.0.2.1" },
      );
      expect(await response?.json()).toMatchObject({
        method: "POST",
        params: { id: "42" },
        ip: "192.0.2.1",
        body: "hello",
      });
    });

    it("names the file that does not load", async () => {
      const broken = await mkdtemp(join(scratch, "broken-"));
      await writeFile(join(broken, "syntax.ts"), "export default (;\n");
      await expect(loadFunctions(broken, importer(), scratch)).rejects.toThrow(
        /^Cannot load the function broken-\w+\/syntax\.ts: /,
      );
    });
  });
});
