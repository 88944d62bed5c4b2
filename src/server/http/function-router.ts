/**
 * Serves Netlify Functions (v2: `export default (req, context) => Response`
 * with `export const config = { path, method }`) without the Netlify CLI:
 * the dev server (src/integrations/functions-dev.ts) and `npm start`
 * (scripts/start.ts) route requests here the way Netlify routes them by
 * `config.path`.
 *
 * Netlify reads `config.path` as a URLPattern pathname; so does this router,
 * with Node's own global `URLPattern` (Node 23.8+): same syntax, same
 * matches, parameters left percent-encoded, `*` captured as "0", "1"…
 */
import { randomUUID } from "node:crypto";
import { basename, extname } from "node:path";
import type { Context } from "@netlify/functions";
import { z } from "zod";
import { apiErrors } from "./api-response";

/** The paths the local servers hand to the functions; everything else is the static site. */
export const API_PREFIX = "/api/";

/**
 * The function that answers every /api/ path no other function claims (the
 * API's JSON 404), and the rule that sends them to it: netlify.toml rewrites
 * `/api/*` to `/.netlify/functions/api-not-found`, which Netlify applies
 * only once no function's `config.path` matched. The function declares no
 * path; the router runs it in the same place, after every other route.
 */
export const API_FALLBACK = { name: "api-not-found", path: `${API_PREFIX}*` } as const;

/** A function file as imported: its module namespace and its path for messages. */
export interface FunctionSource {
  /** Path shown in messages and logs, e.g. "netlify/functions/reactions.ts". */
  file: string;
  /** What `import()` returned: `default` is the handler, `config` its route. */
  module: Record<string, unknown>;
}

/** A Netlify Functions v2 handler, as far as the router relies on it. */
type Handler = (req: Request, context: Context) => unknown;

/** One function's route, as compiled from its `config`. */
export interface Route {
  file: string;
  /** The `config.path` patterns, as written. */
  paths: readonly string[];
  /** Upper-case methods from `config.method`; undefined when the function takes every method. */
  methods: readonly string[] | undefined;
}

/** Routes requests to the functions; built once per set of loaded modules. */
export interface FunctionRouter {
  /** The routes served, for a startup log. */
  readonly routes: readonly Route[];
  /**
   * Runs the matching function: the first whose path and method match, else
   * the API_FALLBACK function for a path under /api/ (a method outside
   * `config.method` too, as on Netlify; our functions declare none and
   * answer 405 themselves). Resolves to undefined when none claims the
   * request, so the caller can serve the static site; to a 500 when the
   * function throws. Never rejects.
   */
  handle(request: Request, client: { ip: string }): Promise<Response | undefined>;
}

/** A compiled `config.path` pattern. */
export interface PathPattern {
  /** The parameters of a match, or undefined if the pathname does not match. */
  match(pathname: string): Record<string, string> | undefined;
}

/**
 * Compiles a `config.path` pattern as Netlify does, a URLPattern pathname.
 * Throws, naming the pattern, when URLPattern refuses it.
 */
export function compilePathPattern(pattern: string): PathPattern {
  let compiled: URLPattern;
  try {
    compiled = new URLPattern({ pathname: pattern });
  } catch (error) {
    throw new Error(`path "${pattern}" is not a valid URLPattern pathname (${(error as Error).message})`);
  }
  return {
    match(pathname) {
      const groups = compiled.exec({ pathname })?.pathname.groups;
      if (!groups) return undefined;
      // An optional group that matched nothing is undefined; Netlify's params hold strings.
      return Object.fromEntries(Object.entries(groups).map(([name, value]) => [name, value ?? ""]));
    },
  };
}

const httpMethod = z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const pathSchema = z.string().startsWith("/", 'must start with "/"');
const pathsSchema = z.union([pathSchema, z.array(pathSchema).min(1)]).optional();

/** What the router reads of a function module; other exports and config fields are ignored. */
const functionModule = z.object({
  default: z.custom<Handler>(
    (value) => typeof value === "function",
    "must be the handler: export default async (req: Request, context: Context) => Response",
  ),
  config: z
    .object({
      path: pathsSchema,
      excludedPath: pathsSchema,
      method: z
        .union([httpMethod, z.array(httpMethod).min(1)], {
          error: 'must be "GET", "POST", "PUT", "PATCH", "DELETE" or "OPTIONS" (upper case), or a list of them',
        })
        .optional(),
      schedule: z.string().optional(),
    })
    .optional(),
});

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value as T];

interface CompiledRoute extends Route {
  handler: Handler;
  /** The API_FALLBACK function: tried after every other route. */
  fallback: boolean;
  patterns: readonly PathPattern[];
  excluded: readonly PathPattern[];
}

function compileRoute(source: FunctionSource, warn: (message: string) => void): CompiledRoute | undefined {
  const parsed = functionModule.safeParse(source.module);
  if (!parsed.success) throw new Error(`${source.file}: ${z.prettifyError(parsed.error)}`);
  const { default: handler, config } = parsed.data;
  const fallback = basename(source.file, extname(source.file)) === API_FALLBACK.name && config?.path === undefined;
  const paths = fallback ? [API_FALLBACK.path] : asList(config?.path);
  if (paths.length === 0) {
    // Scheduled functions are not meant to be reached over HTTP.
    if (config?.schedule === undefined) {
      warn(
        `${source.file} has no config.path: the local servers do not serve it (give it a path under ${API_PREFIX}).`,
      );
    }
    return undefined;
  }
  for (const path of paths) {
    if (!path.startsWith(API_PREFIX)) {
      warn(
        `${source.file}: path "${path}" is outside ${API_PREFIX}, which is all the local servers hand to functions.`,
      );
    }
  }
  const compile = (pattern: string) => {
    try {
      return compilePathPattern(pattern);
    } catch (error) {
      throw new Error(`${source.file}: ${(error as Error).message}`);
    }
  };
  const methods = config?.method === undefined ? undefined : asList(config.method);
  return {
    file: source.file,
    paths,
    methods,
    handler,
    fallback,
    patterns: paths.map(compile),
    excluded: asList(config?.excludedPath).map(compile),
  };
}

/** The 500 answer of every unexpected failure: the error shape of the API, never a stack. */
export function internalErrorResponse(): Response {
  return apiErrors.internal();
}

/**
 * The context a function receives. Our functions read `params`, `ip` and
 * `requestId`; the other fields Netlify documents are given when a local
 * value means the same thing (the URL, an empty geolocation, a "dev" deploy
 * like `netlify dev` reports, `json`, `log`, `waitUntil`). The rest
 * (`account`, `cookies`, `next`, `rewrite`) throw an error naming the field
 * rather than returning something that would behave differently on Netlify.
 * Those are typed `never`, which is why the object satisfies Netlify's
 * `Context` without a cast.
 */
function createContext(
  file: string,
  request: { url: URL; params: Record<string, string>; ip: string; requestId: string },
): Context {
  const unavailable = (field: string): never => {
    throw new Error(
      `${file}: context.${field} is not provided by the local function server (src/server/http/function-router.ts).`,
    );
  };
  const context = {
    params: request.params,
    ip: request.ip,
    requestId: request.requestId,
    url: request.url,
    geo: {},
    server: {},
    site: { url: request.url.origin },
    deploy: { context: "dev", id: "0", published: false },
    json: (input: unknown) => Response.json(input),
    log: (...data: unknown[]) => console.log(`[${file}]`, ...data),
    // Netlify keeps the function alive until these settle; a local server
    // lives on anyway, so only their failures need reporting.
    waitUntil: (promise: Promise<unknown>) => {
      promise.catch((error: unknown) =>
        console.error(`[functions] ${file}: a waitUntil promise of request ${request.requestId} failed:`, error),
      );
    },
    get account(): never {
      return unavailable("account");
    },
    get cookies(): never {
      return unavailable("cookies");
    },
    next: (): never => unavailable("next()"),
    rewrite: (): never => unavailable("rewrite()"),
  } satisfies Context;
  return context;
}

/**
 * Builds the router over loaded function modules, in the order given (the
 * first function that matches a path and method wins). Throws, naming the
 * file, when a module has no default handler or a `config` the router cannot
 * follow; warns through `warn` about functions the local servers will not
 * reach.
 */
export function createFunctionRouter(
  sources: readonly FunctionSource[],
  warn: (message: string) => void = (message) => console.warn(`[functions] ${message}`),
): FunctionRouter {
  // A stable sort: the other routes keep their order, the fallback goes last.
  const compiled = sources
    .flatMap((source) => compileRoute(source, warn) ?? [])
    .sort((a, b) => Number(a.fallback) - Number(b.fallback));

  const find = (pathname: string, method: string) => {
    for (const route of compiled) {
      if (route.methods !== undefined && !route.methods.includes(method)) continue;
      if (route.excluded.some((pattern) => pattern.match(pathname))) continue;
      for (const pattern of route.patterns) {
        const params = pattern.match(pathname);
        if (params) return { route, params };
      }
    }
    return undefined;
  };

  return {
    routes: compiled.map(({ file, paths, methods }) => ({ file, paths, methods })),

    async handle(request, client) {
      const url = new URL(request.url);
      const found = find(url.pathname, request.method.toUpperCase());
      if (!found) return undefined;
      const { route, params } = found;
      const requestId = randomUUID();
      const context = createContext(route.file, { url, params, ip: client.ip, requestId });
      try {
        const response = await route.handler(request, context);
        if (response instanceof Response) return response;
        throw new TypeError(`the handler returned ${typeof response} instead of a Response`);
      } catch (error) {
        console.error(
          `[functions] ${request.method} ${url.pathname} failed in ${route.file} (request ${requestId}):`,
          error,
        );
        return internalErrorResponse();
      }
    },
  };
}
