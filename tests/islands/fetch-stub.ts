/**
 * A stubbed `fetch` for the island tests: the static commune index files are
 * served from a fixture, every API request goes to the test's own handler,
 * and the calls can be read back with their Idempotency-Key and JSON body.
 */
import { vi } from "vitest";

export type ApiHandler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Communes by index file, as /communes/<prefix>.json serves them. */
export const communeFixture: Record<string, unknown> = {
  "/communes/23.json": {
    "23000": [{ code: "23096", nom: "Guéret" }],
    "23200": [
      { code: "23008", nom: "Aubusson" },
      { code: "23016", nom: "Blessac" },
      { code: "23226", nom: "Saint-Pardoux-le-Neuf" },
    ],
  },
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** The API's error body for a status and code. */
export function apiError(status: number, error: string, message = "", issues: unknown[] = [], headers = {}): Response {
  return json({ error, message, issues }, status, headers);
}

/**
 * Installs the stub. `communes` replaces the fixture; a value that is an
 * Error makes that file's request fail like a dead network.
 */
export function stubFetch(api: ApiHandler, communes: Record<string, unknown> = communeFixture) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    if (url.startsWith("/communes/")) {
      const file = communes[url];
      if (file instanceof Error) throw file;
      return file === undefined ? new Response("<h1>Not found</h1>", { status: 404 }) : json(file);
    }
    return api(url, init);
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

export interface ApiCall {
  url: string;
  idempotencyKey: string | undefined;
  body: Record<string, unknown>;
}

/** The API requests made so far (commune lookups left out). */
export function apiCalls(fetchMock: ReturnType<typeof stubFetch>): ApiCall[] {
  return fetchMock.mock.calls
    .filter(([input]) => !String(input).startsWith("/communes/"))
    .map(([input, init = {}]) => ({
      url: String(input),
      idempotencyKey: (init.headers as Record<string, string> | undefined)?.["Idempotency-Key"],
      body: JSON.parse(String(init.body)) as Record<string, unknown>,
    }));
}

/** A response that never comes until `resolve` is called. */
export function deferred(): { promise: Promise<Response>; resolve(response: Response): void } {
  let resolve: (response: Response) => void = () => {};
  const promise = new Promise<Response>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
