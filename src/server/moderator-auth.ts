/**
 * Who may moderate. In production (Supabase), a Supabase Auth access token
 * whose user is listed in public.moderators, verified on every request by
 * asking Supabase Auth, never trusted from the browser. Elsewhere (the
 * embedded default, any PostgreSQL), a token per named moderator (created
 * by `npm run moderator -- add "Nom"`, stored as a digest), plus one
 * bootstrap token from the environment, or generated into
 * .data/moderator-token and printed at first start, shared by whoever holds
 * it. Tokens are compared in constant time or by digest.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { SupabaseClient } from "@supabase/supabase-js";
import { parseEnv, type ServerEnv } from "./env";
import { getStore } from "./store/open-store";
import type { Store } from "./store/store";

export interface Moderator {
  /** Stable id written in the moderation log. */
  id: string;
  /** Name shown in the moderation page. */
  name: string;
}

/** 401: no or bad credentials; 403: a real user who is not a moderator. */
export type AuthResult = { ok: true; moderator: Moderator } | { ok: false; status: 401 | 403 };

export type SignInResult =
  | { ok: true; accessToken: string; expiresAt: string; moderator: Moderator }
  | { ok: false; status: 401 | 403 | 404 };

export interface ModeratorAuth {
  /** Which sign-in the moderation page shows. */
  readonly mode: "token" | "supabase";
  authenticate(bearer: string | undefined): Promise<AuthResult>;
  signIn(email: string, password: string): Promise<SignInResult>;
}

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  return match?.[1];
}

/** Equal strings in time that does not depend on where they differ (hashing first evens out lengths). */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The moderator the bootstrap token signs in as: shared by whoever holds it, so the log cannot tell them apart. */
export const bootstrapModerator: Moderator = { id: "moderateur-local", name: "Modérateur (jeton de démarrage)" };

/** A new named moderator's token: 32 random bytes, shown once. */
export function newModeratorToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database keeps of a token. A plain SHA-256 is enough for 32 random
 * bytes (nothing to guess); a salt would only matter for a low-entropy secret.
 */
export function moderatorTokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The token sign-in (the embedded default and self-hosting on PostgreSQL): a
 * named moderator's own token, looked up by digest, or the bootstrap token.
 */
export class TokenModeratorAuth implements ModeratorAuth {
  readonly mode = "token";
  constructor(
    private readonly bootstrapToken: string,
    private readonly store?: Pick<Store, "findModeratorToken">,
  ) {}

  async authenticate(bearer: string | undefined): Promise<AuthResult> {
    if (!bearer || bearer.length > 200) return { ok: false, status: 401 };
    if (constantTimeEqual(bearer, this.bootstrapToken)) return { ok: true, moderator: bootstrapModerator };
    const named = await this.store?.findModeratorToken(moderatorTokenDigest(bearer));
    return named ? { ok: true, moderator: { id: named.id, name: named.displayName } } : { ok: false, status: 401 };
  }

  async signIn(): Promise<SignInResult> {
    return { ok: false, status: 404 };
  }
}

/** Supabase Auth users listed in public.moderators. */
export class SupabaseModeratorAuth implements ModeratorAuth {
  readonly mode = "supabase";
  constructor(
    private readonly client: SupabaseClient,
    private readonly store: Store,
  ) {}

  async authenticate(bearer: string | undefined): Promise<AuthResult> {
    if (!bearer) return { ok: false, status: 401 };
    // getUser asks Supabase Auth: a forged, expired or revoked token is refused there.
    const { data, error } = await this.client.auth.getUser(bearer);
    if (error || !data.user) return { ok: false, status: 401 };
    const moderator = await this.store.findModerator(data.user.id);
    return moderator
      ? { ok: true, moderator: { id: moderator.userId, name: moderator.displayName } }
      : { ok: false, status: 403 };
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const { data, error } = await this.client.auth.signInWithPassword({ email, password });
    if (error || !data.session || !data.user) return { ok: false, status: 401 };
    const moderator = await this.store.findModerator(data.user.id);
    if (!moderator) return { ok: false, status: 403 };
    return {
      ok: true,
      accessToken: data.session.access_token,
      expiresAt: new Date((data.session.expires_at ?? 0) * 1000).toISOString(),
      moderator: { id: moderator.userId, name: moderator.displayName },
    };
  }
}

const authKey = Symbol.for("consultation.moderatorAuth");
type Registry = typeof globalThis & { [authKey]?: Promise<ModeratorAuth> };

/** The process's moderator authentication, built on first use from the environment. */
export function getModeratorAuth(): Promise<ModeratorAuth> {
  const registry = globalThis as Registry;
  if (!registry[authKey]) {
    const building = buildModeratorAuth(parseEnv());
    registry[authKey] = building;
    building.catch(() => {
      if (registry[authKey] === building) delete registry[authKey];
    });
  }
  return registry[authKey];
}

/** Replaces the process's moderator authentication (tests). */
export function provideModeratorAuth(auth: ModeratorAuth): void {
  (globalThis as Registry)[authKey] = Promise.resolve(auth);
}

async function buildModeratorAuth(env: ServerEnv): Promise<ModeratorAuth> {
  if (env.store.driver === "supabase") {
    const [{ createServiceClient }, { store }] = await Promise.all([import("./store/supabase-client"), getStore()]);
    const client = createServiceClient(env.store.url, env.store.serviceRoleKey);
    return new SupabaseModeratorAuth(client, store);
  }
  const [{ store }, bootstrapToken] = await Promise.all([getStore(), env.moderatorToken ?? localModeratorToken(env)]);
  return new TokenModeratorAuth(bootstrapToken, store);
}

/** How to reach moderation, for the local servers' start-up log. */
export async function moderationAccess(baseUrl: string): Promise<string> {
  const auth = await getModeratorAuth();
  const page = `${baseUrl}/moderation/`;
  if (auth.mode === "supabase") return `moderation at ${page} (Supabase Auth users listed in public.moderators)`;
  const env = parseEnv();
  if (env.moderatorToken) return `moderation at ${page} with the MODERATOR_TOKEN of the environment`;
  return `moderation at ${page} with the token ${await localModeratorToken(env)} (kept in ${localTokenFile(env)})`;
}

function localTokenFile(env: ServerEnv): string {
  const dataDir =
    env.store.driver === "pglite" && !env.store.dataDir.startsWith("memory://") ? env.store.dataDir : ".data/pglite";
  return resolve(dirname(resolve(dataDir)), "moderator-token");
}

/** The token in .data/moderator-token (beside the embedded database), created and printed once. */
async function localModeratorToken(env: ServerEnv): Promise<string> {
  const dataDir =
    env.store.driver === "pglite" && !env.store.dataDir.startsWith("memory://") ? env.store.dataDir : ".data/pglite";
  const file = resolve(dirname(resolve(dataDir)), "moderator-token");
  const existing = (await readFile(file, "utf8").catch(() => "")).trim();
  if (existing.length >= 24) return existing;
  const token = randomBytes(24).toString("base64url");
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, token, { mode: 0o600 });
  console.info(`[moderation] sign in at /moderation/ with this token (saved in ${file}): ${token}`);
  return token;
}
