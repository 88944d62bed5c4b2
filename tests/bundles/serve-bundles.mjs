/**
 * Serves the functions exactly as zip-it-and-ship-it bundled them, under
 * plain `node`: no tsx, no Vite, no TypeScript. Each function's module is
 * the one its own `___netlify-entry-point.mjs` hands to Netlify's bootstrap,
 * loaded by Node's own ESM loader (which refuses what tsx and Vite forgive,
 * such as a JSON import without `with { type: "json" }`); requests are
 * routed by the routes Netlify reads, those of the bundle's manifest.json,
 * with URLPattern. A request no route takes (wrong path, or a method outside
 * a route's `methods`) then goes through netlify.toml's rewrites to a
 * function (`status = 200`, `to = "/.netlify/functions/<name>"`, not
 * forced), as Netlify applies them once no function's path matched: that is
 * how /api/* reaches api-not-found. What remains gets an HTML 404, as
 * Netlify answers it with the site's 404 page.
 *
 * Usage: node tests/bundles/serve-bundles.mjs <bundle folder>
 * Prints `listening <port>` once ready (PORT, default: any free port).
 * POST /__scheduled/<name> runs a scheduled function, as Netlify's
 * scheduler would.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { parse } from "smol-toml";

const folder = resolve(process.argv[2] ?? "");
const manifest = JSON.parse(await readFile(join(folder, "manifest.json"), "utf8"));

/** The module that Netlify's bootstrap loads for a function, read from its entry point. */
async function userModule(fn) {
  const entry = await readFile(join(fn.path, "___netlify-entry-point.mjs"), "utf8");
  const target = /getLambdaHandler\('([^']+)'\)/.exec(entry)?.[1];
  if (!target) throw new Error(`${fn.name}: no module named in ___netlify-entry-point.mjs`);
  return import(pathToFileURL(join(fn.path, target)).href);
}

const functions = [];
for (const fn of manifest.functions) {
  const module = await userModule(fn);
  if (typeof module.default !== "function") throw new Error(`${fn.name}: no default export`);
  functions.push({
    name: fn.name,
    schedule: fn.schedule,
    handler: module.default,
    routes: (fn.routes ?? []).map((route) => ({
      pattern: new URLPattern({ pathname: route.pattern }),
      methods: route.methods ?? [],
    })),
  });
}

/** netlify.toml's unforced rewrites to a function, in their order. */
const toml = parse(await readFile(join(import.meta.dirname, "../../netlify.toml"), "utf8"));
const rewrites = (toml.redirects ?? []).flatMap((rule) => {
  const target = /^\/\.netlify\/functions\/([\w-]+)$/.exec(rule.to ?? "")?.[1];
  if (!target || rule.status !== 200 || rule.force) return [];
  return [{ pattern: new URLPattern({ pathname: rule.from }), target }];
});

/** The function a rewrite sends this path to, once no function's own route took it. */
function rewritten(pathname) {
  const rule = rewrites.find((candidate) => candidate.pattern.test({ pathname }));
  const fn = rule && functions.find((candidate) => candidate.name === rule.target);
  return fn && { fn, params: {} };
}

function find(pathname, method) {
  for (const fn of functions) {
    for (const route of fn.routes) {
      if (route.methods.length > 0 && !route.methods.includes(method)) continue;
      const match = route.pattern.exec({ pathname });
      if (match) {
        const params = Object.fromEntries(
          Object.entries(match.pathname.groups).map(([name, value]) => [name, value ?? ""]),
        );
        return { fn, params };
      }
    }
  }
  return undefined;
}

async function toRequest(req, url) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return new Request(url, { method: req.method, headers, body });
}

async function send(res, response) {
  const headers = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body) Readable.fromWeb(response.body).pipe(res);
  else res.end();
}

const server = createServer((req, res) => {
  const serve = async () => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const scheduled = /^\/__scheduled\/([\w-]+)$/.exec(url.pathname);
    const found = scheduled
      ? functions.filter((fn) => fn.name === scheduled[1] && fn.schedule).map((fn) => ({ fn, params: {} }))[0]
      : (find(url.pathname, req.method ?? "GET") ?? rewritten(url.pathname));
    if (!found) {
      res
        .writeHead(404, { "content-type": "text/html; charset=utf-8" })
        .end("<!doctype html><title>Page introuvable</title>");
      return;
    }
    const request = await toRequest(req, url);
    const context = {
      params: found.params,
      // Netlify gives the client's address; tests name it in X-Forwarded-For, as they do for npm start.
      ip: String(req.headers["x-forwarded-for"] ?? "192.0.2.10")
        .split(",")[0]
        .trim(),
      requestId: crypto.randomUUID(),
      url,
      geo: {},
      site: { url: url.origin },
      deploy: { context: "production", id: "bundle-test", published: true },
      waitUntil: (promise) => promise.catch((error) => console.error(`[bundles] waitUntil failed: ${error}`)),
    };
    const response = await found.fn.handler(request, context);
    await send(res, response instanceof Response ? response : new Response(null, { status: 204 }));
  };
  serve().catch((error) => {
    // What Netlify does with a function that throws: a 500, and the error in the function's log.
    console.error(`[bundles] ${req.method} ${req.url} threw:`, error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  });
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
