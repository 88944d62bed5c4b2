/**
 * The admin API as the moderation tests need it: routes by method and path
 * on top of the house fetch stub (../fetch-stub.ts), the requests read back
 * with their Authorization header and JSON body, and items shaped like the
 * API's queue items.
 */
import type { AdminResponse, rebuildSchema, SessionInfo } from "../../../src/domain/admin-responses";
import { themes } from "../../../src/domain/consultation";
import { queuePageSchema } from "../../../src/domain/moderation-queue";
import { SESSION_STORAGE_KEY } from "../../../src/islands/moderation/session";
import { apiError, json, stubFetch } from "../fetch-stub";

export const TOKEN = "jeton-local-4f9a2c7e1b";
export const MODERATOR = "Équipe de la mission";

/** One request the island made. */
export interface AdminCall {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: Record<string, unknown> | undefined;
}

/** Answers one request; a route missing from the table answers 404. */
export type Route = (call: AdminCall) => Response | Promise<Response>;

/** Installs fetch with routes keyed "METHOD /path" (query string left out). */
export function stubAdmin(routes: Record<string, Route>) {
  const fetchMock = stubFetch((url, init) => {
    const call = readCall(url, init);
    const route = routes[`${call.method} ${call.path}`];
    return route ? route(call) : apiError(404, "not_found", "Route inconnue du test.");
  });
  return {
    fetchMock,
    /** The requests made so far, in order. */
    calls(): AdminCall[] {
      return fetchMock.mock.calls.map(([input, init]) => readCall(String(input), init ?? {}));
    },
  };
}

function readCall(url: string, init: RequestInit): AdminCall {
  const parsed = new URL(url, "http://localhost");
  const headers = (init.headers ?? {}) as Record<string, string>;
  return {
    method: init.method ?? "GET",
    path: parsed.pathname,
    query: parsed.searchParams,
    authorization: headers.Authorization,
    body: typeof init.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
  };
}

/** GET /api/admin/session in token mode: the mode without a token, the moderator with the right one. */
export function tokenSession(token = TOKEN): Route {
  return ({ authorization }) => {
    if (authorization === undefined) return json({ mode: "token" } satisfies SessionInfo);
    return authorization === `Bearer ${token}`
      ? json({ mode: "token", moderator: { name: MODERATOR } } satisfies SessionInfo)
      : apiError(401, "unauthorized", "Connectez-vous pour accéder à la modération.");
  };
}

/** What a decision's answer says of the rebuild, as on a machine without a build hook. */
export const REBUILT = {
  status: "manual",
  message: "Lancez npm run build pour mettre à jour les pages publiques.",
} satisfies AdminResponse<typeof rebuildSchema>;

/** Pretends this tab signed in before (a reload). */
export function storeSession(token = TOKEN): void {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token }));
}

export const COUNTS = {
  contribution: { pending: 3, published: 12, rejected: 2, flagged: 1 },
  initiative: { pending: 1, published: 4, rejected: 0 },
};

/** A queue page as GET /api/admin/queue answers it; checked against the API's shape, so a stub cannot drift from it. */
export function page(items: unknown[], nextCursor: string | null = null, counts: unknown = COUNTS): Response {
  const answer = { items, nextCursor, counts };
  queuePageSchema.parse(answer);
  return json(answer);
}

export const theme = themes[0]!;
export const question = theme.questions[0]!;

/** A contribution item as the queue sends it; an answer unless parentId is given. */
export function contribution(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    subjectType: "contribution",
    themeId: theme.id,
    questionId: question.id,
    parentId: null,
    parentBody: null,
    stance: null,
    body: "Un espace de coworking a ouvert dans notre bourg il y a deux ans.",
    pseudonym: "Camille",
    profile: "habitant",
    communeName: "Guéret",
    departementName: "Creuse",
    regionName: "Nouvelle-Aquitaine",
    territoryType: "small-town",
    status: "pending",
    moderationReason: null,
    retained: false,
    createdAt: "2018-05-15T08:00:00.000Z",
    moderatedAt: null,
    openFlags: 0,
    flagReasons: [],
    ...overrides,
  };
}

/** An initiative item as the queue sends it. */
export function initiative(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    subjectType: "initiative",
    name: "La Ruche de Guéret",
    kind: "tiers-lieu",
    description: "Un tiers-lieu avec un atelier partagé et des bureaux.",
    url: "https://ruche.example.fr",
    openingYear: 2016,
    pseudonym: "Dominique",
    profile: "fondateur",
    communeName: "Guéret",
    departementName: "Creuse",
    regionName: "Nouvelle-Aquitaine",
    territoryType: "small-town",
    status: "pending",
    moderationReason: null,
    createdAt: "2018-05-16T12:30:00.000Z",
    moderatedAt: null,
    openFlags: 0,
    ...overrides,
  };
}

/** Valid UUIDs (decisionSchema checks them). */
export const ids = {
  a: "0b6c3c8e-5d1a-4f7e-9a2b-1c3d4e5f6a70",
  b: "1c7d4d9f-6e2b-4a8f-8b3c-2d4e5f6a7b81",
  c: "2d8e5e0a-7f3c-4b9a-9c4d-3e5f6a7b8c92",
  d: "3e9f6f1b-8a4d-4c0b-ad5e-4f6a7b8c9da3",
};

/** The text of the island's polite live region for queue outcomes. */
export function announcer(): string {
  return document.getElementById("moderation-announcer")?.textContent ?? "";
}
